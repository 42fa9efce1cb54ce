using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace ProtectedActions.AspNetCore;

/// <summary>
/// Writes an RFC 9457 <c>application/problem+json</c> body for a protected-action refusal. When the host registered
/// an <see cref="IProblemDetailsService"/> (<c>services.AddProblemDetails(...)</c>), the body goes through it, so
/// <c>CustomizeProblemDetails</c> and the host's own writers apply; when there is none, or none of its writers can
/// write for the request, this class writes the body itself. Either way the status code, the
/// <c>WWW-Authenticate</c> challenge and <c>Cache-Control: no-store</c> are set first and are not the writer's to
/// choose. Policy ids and names, failed controls and the explanation are written only when development details
/// are on: in production they would tell a caller which controls guard an action (and hint that the account is
/// privileged).
/// </summary>
internal static class ProblemDetailsWriter
{
    public const string ContentType = "application/problem+json";

    public static async Task WriteAsync(HttpContext context, int status, string type, string title, string detail,
        ProtectedActionDecision? decision, bool includeDevelopmentDetails, string? stepUpUrl = null)
    {
        var response = context.Response;
        response.StatusCode = status;
        // A refusal depends on the caller's token: never let a cache serve it to someone else.
        response.Headers.CacheControl = "no-store";

        if (context.RequestServices?.GetService<IProblemDetailsService>() is { } service)
        {
            var problem = new ProblemDetails { Type = type, Title = title, Status = status, Detail = detail };
            if (stepUpUrl is not null)
            {
                problem.Extensions["stepUpUrl"] = stepUpUrl;
            }

            if (includeDevelopmentDetails && decision is not null)
            {
                AddDevelopmentDetails(problem.Extensions, decision);
            }

            // Stryker disable once Boolean : ConfigureAwait(true) instead of (false) only changes which thread continues; no decision or answer depends on it.
            var written = await service.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }).ConfigureAwait(false);
            if (written)
            {
                return;
            }
        }

        response.ContentType = ContentType;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", type);
            json.WriteString("title", title);
            json.WriteNumber("status", status);
            json.WriteString("detail", detail);
            if (stepUpUrl is not null)
            {
                json.WriteString("stepUpUrl", stepUpUrl);
            }

            if (includeDevelopmentDetails && decision is not null)
            {
                WriteDevelopmentDetails(json, decision);
            }

            json.WriteEndObject();
        }

        response.ContentLength = buffer.Length;
        // Stryker disable once Boolean : ConfigureAwait(true) instead of (false) only changes which thread continues; no decision or answer depends on it.
        await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>
    /// The development details as problem-details extensions: the same fields, written by the same code as the
    /// fallback body, carried as <see cref="JsonElement"/> values (which every JSON serializer configuration of
    /// the host can write, source-generated ones included).
    /// </summary>
    private static void AddDevelopmentDetails(IDictionary<string, object?> extensions, ProtectedActionDecision decision)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            WriteDevelopmentDetails(json, decision);
            json.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
        foreach (var property in document.RootElement.EnumerateObject())
        {
            extensions[property.Name] = property.Value.Clone();
        }
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
