using System.Net;
using System.Text.Json;
using Microsoft.Identity.Client;
using ProtectedActions.Samples.WebApi.Api;
using ProtectedActions.Samples.WebApi.Directory;
using ProtectedActions.Samples.IdentityProvider;
using ProtectedActions.Samples.WebApi.Identity;

namespace ProtectedActions.Samples.StepUpDemo;

/// <summary>
/// The step-up demo: starts the development identity provider (OpenIddict) and two sample API instances on free 127.0.0.1 ports, then
/// plays the clients and checks every answer. The "Contoso admin API" instance sends Entra claims challenges and
/// requires clients to declare <c>cp1</c>; the "RFC 9470 API" instance sends RFC 9470 challenges to any client.
/// </summary>
public static class DemoRunner
{
    /// <summary>Runs the demo, writing each exchange to <paramref name="output"/>.</summary>
    /// <returns>0 when every step behaved as expected, 1 otherwise.</returns>
    public static async Task<int> RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var started = System.Diagnostics.Stopwatch.StartNew();
        await using var provider = await SampleIdentityProvider.StartAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await using var entraApi = SampleApi.Build(provider.Issuer);
        await using var rfcApi = SampleApi.Build(provider.Issuer,
        [
            new("ProtectedActions:Settings:ChallengeFormat", "Rfc9470"),
            new("ProtectedActions:Settings:RequireClientCapability", "false"),
        ]);
        await entraApi.StartAsync(cancellationToken).ConfigureAwait(false);
        await rfcApi.StartAsync(cancellationToken).ConfigureAwait(false);
        var entra = SampleApi.AddressOf(entraApi);
        var rfc = SampleApi.AddressOf(rfcApi);

        output.WriteLine("ProtectedActions step-up demo");
        output.WriteLine($"  identity provider       {provider.Issuer}   (OpenIddict, authorization code + PKCE)");
        output.WriteLine($"  Contoso admin API       {entra}   (Entra claims challenges; clients must declare cp1)");
        output.WriteLine($"  same API, RFC 9470 mode {rfc}");
        output.WriteLine("  c1 = phishing-resistant MFA + 1-hour sign-in frequency (directory protection changes)");
        output.WriteLine("  c2 = MFA on a compliant, joined workstation (vendor bank accounts); c3 = MFA (invoice approval)");

        using var client = new DemoClient(output, provider);
        try
        {
            await UnprotectedCallAsync(client, entra, cancellationToken).ConfigureAwait(false);
            await EntraStepUpAsync(client, entra, cancellationToken).ConfigureAwait(false);
            await NonCompliantDeviceAsync(client, entra, cancellationToken).ConfigureAwait(false);
            await ClientWithoutCapabilityAsync(client, entra, cancellationToken).ConfigureAwait(false);
            await Rfc9470ClientAsync(client, rfc, cancellationToken).ConfigureAwait(false);
            await AnonymousCallerAsync(client, entra, cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The demo reports any failure as a failed step and a non-zero exit code.
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            client.Expect(false, "the demo ran without an unexpected error: " + ex.GetType().Name + ": " + ex.Message);
        }

        output.WriteLine();
        output.WriteLine(client.Failures.Count == 0
            ? $"All {client.Passed} checks passed in {started.Elapsed.TotalSeconds:0.0} s."
            : $"{client.Failures.Count} check(s) FAILED ({client.Passed} passed): " + string.Join("; ", client.Failures));
        return client.Failures.Count == 0 ? 0 : 1;
    }

    /// <summary>What an Entra client that declares cp1 sends: the claims request for xms_cc (MSAL's WithClientCapabilities).</summary>
    private const string Cp1 = "{\"access_token\":{\"xms_cc\":{\"values\":[\"cp1\"]}}}";

    private static IdentityProviderSignIn SignIn(string user, string method, bool cp1 = true, string? device = null, string? claims = null) => new()
    {
        UserName = user,
        Method = method,
        DeviceId = device,
        Claims = claims is null ? (cp1 ? Cp1 : null) : (cp1 ? MergeCp1(claims) : claims),
    };

    /// <summary>Adds the cp1 declaration to a claims challenge, as MSAL does when it passes .WithClaims(...) on.</summary>
    private static string MergeCp1(string claims)
    {
        var root = System.Text.Json.Nodes.JsonNode.Parse(claims)!.AsObject();
        var accessToken = root["access_token"] as System.Text.Json.Nodes.JsonObject ?? [];
        root["access_token"] = accessToken;
        accessToken["xms_cc"] = new System.Text.Json.Nodes.JsonObject { ["values"] = new System.Text.Json.Nodes.JsonArray("cp1") };
        return root.ToJsonString();
    }

    private static async Task UnprotectedCallAsync(DemoClient c, string api, CancellationToken ct)
    {
        c.Step("1. An ordinary (unprotected) call with a password sign-in");
        var (token, _) = await c.SignInAsync(SignIn("alice", "pwd"), ct).ConfigureAwait(false);
        using var response = await c.CallAsync(HttpMethod.Get, api + "/api/invoices", token, ct).ConfigureAwait(false);
        c.Expect(response.StatusCode == HttpStatusCode.OK, "200: reading invoices is not a protected action, so no step-up");
    }

    private static async Task EntraStepUpAsync(DemoClient c, string api, CancellationToken ct)
    {
        c.Step("2. Creating a Conditional Access policy: password -> 401 claims challenge -> FIDO2 -> 200");
        var (token, _) = await c.SignInAsync(SignIn("alice", "pwd"), ct).ConfigureAwait(false);
        var url = api + "/api/conditionalAccess/policies";
        using var first = await c.CallAsync(HttpMethod.Post, url, token, ct).ConfigureAwait(false);
        c.Expect(first.StatusCode == HttpStatusCode.Unauthorized, "401: a password does not satisfy c1 (phishing-resistant MFA)");

        // What an MSAL.NET client does with the 401.
        var claims = WwwAuthenticateParameters.GetClaimChallengeFromResponseHeaders(first.Headers);
        c.Note("MSAL WwwAuthenticateParameters.GetClaimChallengeFromResponseHeaders -> " + (claims ?? "(none)"));
        if (!c.Expect(claims is not null && AsksFor(claims, "c1"), "MSAL finds an insufficient_claims challenge asking for acrs c1"))
        {
            return;
        }

        c.Note("Signing in again with the same password would not do: the issuer runs the same policies.");
        var (refused, error) = await c.SignInAsync(SignIn("alice", "pwd", claims: claims), ct).ConfigureAwait(false);
        c.Expect(refused is null && error == "step_up_not_satisfied", "the provider's login page asks again: a password does not earn c1");

        c.Note("The user completes the challenge with a FIDO2 security key (the client passes the claims on, like .WithClaims(claims)).");
        var (stepped, _) = await c.SignInAsync(SignIn("alice", "fido", claims: claims), ct).ConfigureAwait(false);
        c.Expect(stepped is not null && DemoClient.Describe(stepped).Contains("acrs=[c1]", StringComparison.Ordinal), "the new token carries acrs c1");
        using var retry = await c.CallAsync(HttpMethod.Post, url, stepped, ct).ConfigureAwait(false);
        c.Expect(retry.StatusCode == HttpStatusCode.OK, "200: the retry with the stepped-up token succeeds");
    }

    private static async Task NonCompliantDeviceAsync(DemoClient c, string api, CancellationToken ct)
    {
        c.Step("3. A workstation-only action (vendor bank account) from a personal, non-compliant laptop");
        var url = api + "/api/vendors/7/bankAccount";
        var (laptop, _) = await c.SignInAsync(SignIn("alice", "fido", device: SampleDirectory.PersonalLaptopId), ct).ConfigureAwait(false);
        using var denied = await c.CallAsync(HttpMethod.Put, url, laptop, ct).ConfigureAwait(false);
        using var problem = await DemoClient.ProblemAsync(denied, ct).ConfigureAwait(false);
        c.Expect(denied.StatusCode == HttpStatusCode.Forbidden && denied.Headers.WwwAuthenticate.Count == 0,
            "403 without a challenge: signing in again cannot make the laptop compliant");
        c.Expect(problem is not null && DemoClient.Str(problem.RootElement, "type") == "urn:protected-actions:problem:denied"
            && problem.RootElement.GetRawText().Contains("compliantDevice", StringComparison.Ordinal),
            "the problem details give the reason (development details name the failed control: compliantDevice)");

        c.Note("The same user on the compliant, Entra-joined workstation:");
        var (workstation, _) = await c.SignInAsync(SignIn("alice", "fido", device: SampleDirectory.CompliantWorkstationId), ct).ConfigureAwait(false);
        using var allowed = await c.CallAsync(HttpMethod.Put, url, workstation, ct).ConfigureAwait(false);
        c.Expect(allowed.StatusCode == HttpStatusCode.OK, "200 from the compliant workstation");
    }

    private static async Task ClientWithoutCapabilityAsync(DemoClient c, string api, CancellationToken ct)
    {
        c.Step("4. A client that did not declare cp1 (cannot handle claims challenges) attempts a protected action");
        var (token, _) = await c.SignInAsync(SignIn("alice", "pwd", cp1: false), ct).ConfigureAwait(false);
        using var response = await c.CallAsync(HttpMethod.Delete, api + "/api/conditionalAccess/namedLocations/hq", token, ct).ConfigureAwait(false);
        using var problem = await DemoClient.ProblemAsync(response, ct).ConfigureAwait(false);
        c.Expect(response.StatusCode == HttpStatusCode.Forbidden && response.Headers.WwwAuthenticate.Count == 0,
            "403 without a challenge: the API requires cp1 before it sends one");
        c.Expect(problem is not null && DemoClient.Str(problem.RootElement, "type") == "urn:protected-actions:problem:client-not-capable"
            && (DemoClient.Str(problem.RootElement, "detail") ?? "").Contains("cp1", StringComparison.Ordinal),
            "the problem details explain that the client lacks the cp1 capability");
    }

    private static async Task Rfc9470ClientAsync(DemoClient c, string api, CancellationToken ct)
    {
        c.Step("5. An RFC 9470 client whose FIDO2 sign-in is two hours old (c1 asks for one within the hour)");
        using var session = c.NewSession();
        var (old, _) = await c.SignInAsync(session, new IdentityProviderSignIn { UserName = "alice", Method = "fido", SessionAgeSeconds = 7200 }, ct).ConfigureAwait(false);
        var url = api + "/api/conditionalAccess/namedLocations";
        using var first = await c.CallAsync(HttpMethod.Post, url, old, ct).ConfigureAwait(false);
        c.Expect(first.StatusCode == HttpStatusCode.Unauthorized, "401: the authentication is too old for c1's sign-in frequency");

        var parameters = WwwAuthenticateParameters.CreateFromAuthenticationHeaders(first.Headers, "Bearer");
        var acrValues = Param(parameters, "acr_values");
        var maxAge = Param(parameters, "max_age");
        c.Note($"parsed: error={parameters.Error} acr_values={acrValues} max_age={maxAge}");
        if (!c.Expect(parameters.Error == "insufficient_user_authentication" && acrValues == "c1" && maxAge == "3600",
                "RFC 9470 challenge: error=insufficient_user_authentication, acr_values=\"c1\", max_age=\"3600\""))
        {
            return;
        }

        c.Note("The client re-authorizes with acr_values and max_age; the provider's session is too old, so it asks for a fresh sign-in.");
        var again = new IdentityProviderSignIn { UserName = "alice", Method = "fido", AcrValues = acrValues, MaxAge = int.Parse(maxAge!, System.Globalization.CultureInfo.InvariantCulture) };
        var (fresh, _) = await c.SignInAsync(session, again, ct).ConfigureAwait(false);
        c.Expect(fresh is not null && DemoClient.Describe(fresh).Contains("acr=c1", StringComparison.Ordinal), "the new token has acr c1 and a fresh auth_time");
        using var retry = await c.CallAsync(HttpMethod.Post, url, fresh, ct).ConfigureAwait(false);
        c.Expect(retry.StatusCode == HttpStatusCode.OK, "200: the retry succeeds");
    }

    private static async Task AnonymousCallerAsync(DemoClient c, string api, CancellationToken ct)
    {
        c.Step("6. An anonymous caller attempts a protected action");
        using var response = await c.CallAsync(HttpMethod.Post, api + "/api/conditionalAccess/policies", null, ct).ConfigureAwait(false);
        var challenge = string.Join(", ", response.Headers.WwwAuthenticate);
        c.Expect(response.StatusCode == HttpStatusCode.Unauthorized && challenge.StartsWith("Bearer", StringComparison.Ordinal)
            && !challenge.Contains("insufficient", StringComparison.Ordinal) && !challenge.Contains("c1", StringComparison.Ordinal),
            "401 with the ordinary Bearer challenge: no step-up, and nothing about c1 revealed");
    }

    private static string? Param(WwwAuthenticateParameters parameters, string name)
    {
        try
        {
            return parameters[name];
        }
        catch (KeyNotFoundException)
        {
            return null;
        }
    }

    private static bool AsksFor(string claimsJson, string context)
    {
        using var doc = JsonDocument.Parse(claimsJson);
        return doc.RootElement.TryGetProperty("access_token", out var at) && at.TryGetProperty("acrs", out var acrs)
            && acrs.TryGetProperty("value", out var v) && v.GetString() == context;
    }
}
