using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace ProtectedActions.AspNetCore;

/// <summary>
/// Writes an RFC 9457 <c>application/problem+json</c> body for a protected-action refusal. Policy ids and names,
/// failed controls and the explanation are written only when development details are on: in production they
/// would tell a caller which controls guard an action (and hint that the account is privileged).
/// </summary>
internal static class ProblemDetailsWriter
{
    public const string ContentType = "application/problem+json";

    public static async Task WriteAsync(HttpContext context, int status, string type, string title, string detail,
        ProtectedActionDecision? decision, bool includeDevelopmentDetails)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = ContentType;
        // A refusal depends on the caller's token: never let a cache serve it to someone else.
        response.Headers.CacheControl = "no-store";

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", type);
            json.WriteString("title", title);
            json.WriteNumber("status", status);
            json.WriteString("detail", detail);
            if (includeDevelopmentDetails && decision is not null)
            {
                WriteDevelopmentDetails(json, decision);
            }

            json.WriteEndObject();
        }

        response.ContentLength = buffer.Length;
        await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted).ConfigureAwait(false);
    }

    private static void WriteDevelopmentDetails(Utf8JsonWriter json, ProtectedActionDecision decision)
    {
        json.WriteString("permission", decision.Permission);
        if (decision.AuthenticationContextId is { } contextId)
        {
            json.WriteString("authenticationContext", contextId);
        }

        json.WriteString("outcome", decision.Outcome.ToWireName());
        json.WriteStartArray("failedPolicies");
        foreach (var policy in decision.Policies)
        {
            if (!policy.Applies || policy.State != PolicyState.Enabled || policy.Satisfied != false)
            {
                continue;
            }

            json.WriteStartObject();
            json.WriteString("id", policy.Id);
            if (policy.DisplayName is { } name)
            {
                json.WriteString("displayName", name);
            }

            json.WriteStartArray("failedControls");
            foreach (var control in policy.FailedControls)
            {
                json.WriteStringValue(control);
            }

            json.WriteEndArray();
            json.WriteBoolean("remediable", policy.Remediable);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("explanation", decision.Explanation);
    }
}
