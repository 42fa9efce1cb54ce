using System.Text.Json;

namespace ProtectedActions.Cli.Tests.Commands;

/// <summary>The CLI under issuer profiles: whatif decides a sign-in file's issuer/acr by profile, validate warns, challenge per issuer.</summary>
public class ProviderCommandTests
{
    private const string Keycloak = "https://sso.contoso.example/realms/staff";
    private const string Action = "contoso.payroll/payments/approve";

    private static string Config(string acr = """{ "levels": [ "0", "1", "2" ], "contexts": { "c1": [ "2" ] } }""") => $$"""
        {
          "authenticationContexts": [ { "id": "c1", "displayName": "Approve payments" } ],
          "protectedActions": [ { "permission": "{{Action}}", "authenticationContextId": "c1" } ],
          "conditionalAccessPolicies": [ {
            "id": "p1", "displayName": "Phishing-resistant MFA", "state": "enabled",
            "conditions": { "applications": { "includeAuthenticationContextClassReferences": [ "c1" ] }, "users": { "includeUsers": [ "All" ] } },
            "grantControls": { "operator": "OR", "authenticationStrength": { "id": "00000000-0000-0000-0000-000000000004" } }
          } ],
          "settings": { "issuers": [ { "issuer": "{{Keycloak}}", "profile": "keycloak", "acr": {{acr}} } ] }
        }
        """;

    private static JsonElement WhatIf(TempFolder temp, string signIn)
    {
        var r = Cli.Run("whatif", "--config", temp.Write("c.json", Config()), "--action", Action, "--signin", temp.Write("s.json", signIn), "--format", "json");
        r.Exit.Should().Be(0, r.ToString());
        using var doc = JsonDocument.Parse(r.Out);
        return doc.RootElement.Clone();
    }

    [Test]
    public void Whatif_a_keycloak_sign_in_with_acr_2_is_allowed_by_token()
    {
        using var temp = new TempFolder();
        var d = WhatIf(temp, $$"""{ "userId": "u1", "issuer": "{{Keycloak}}", "acr": "2", "authenticationMethods": [ "password" ] }""");

        d.GetProperty("outcome").GetString().Should().Be("allowed");
        d.GetProperty("satisfiedBy").GetString().Should().Be("token");
    }

    [Test]
    public void Locked_out_user_whatif_a_keycloak_sign_in_with_acr_1_gets_an_rfc9470_challenge_for_2()
    {
        using var temp = new TempFolder();
        var d = WhatIf(temp, $$"""{ "userId": "u1", "issuer": "{{Keycloak}}", "acr": "1", "authenticationMethods": [ "password" ], "xms_cc": [ "cp1" ] }""");

        d.GetProperty("outcome").GetString().Should().Be("stepUpRequired");
        d.GetProperty("challenge").GetProperty("wwwAuthenticate")[0].GetString().Should().Contain("acr_values=\"2\"");
    }

    [TestCase("https://sso.contoso.example/realms/other")]
    [TestCase("https://sso.contoso.example/realms/staff/")]
    public void Attacker_whatif_acr_2_from_an_issuer_without_a_profile_is_not_allowed(string issuer)
    {
        using var temp = new TempFolder();
        var d = WhatIf(temp, $$"""{ "userId": "u1", "issuer": "{{issuer}}", "acr": "2", "authenticationMethods": [ "password" ] }""");

        d.GetProperty("outcome").GetString().Should().NotBe("allowed");
    }

    [Test]
    public void Validate_warns_when_an_acr_mapping_refers_to_an_undefined_context()
    {
        using var temp = new TempFolder();
        var r = Cli.Run("validate", "--config", temp.Write("c.json", Config("""{ "levels": [ "0", "1", "2" ], "contexts": { "c1": [ "2" ], "c9": [ "1" ] } }""")));

        r.Out.Should().Contain("warning PA1103");
        r.Out.Should().Contain("c9");
    }

    [Test]
    public void Validate_warns_when_a_level_list_has_duplicates()
    {
        using var temp = new TempFolder();
        var r = Cli.Run("validate", "--config", temp.Write("c.json", Config("""{ "levels": [ "0", "1", "1", "2" ], "contexts": { "c1": [ "2" ] } }""")));

        r.Out.Should().Contain("warning PA1104");
    }

    [Test]
    public void Validate_warns_when_a_profile_without_auth_time_maps_a_context_with_a_sign_in_frequency()
    {
        using var temp = new TempFolder();
        var config = Config()
            .Replace("\"profile\": \"keycloak\"", "\"profile\": \"keycloak\", \"authTime\": false", StringComparison.Ordinal)
            .Replace("\"grantControls\":", "\"sessionControls\": { \"signInFrequency\": { \"isEnabled\": true, \"value\": 1, \"type\": \"hours\", \"frequencyInterval\": \"timeBased\" } }, \"grantControls\":", StringComparison.Ordinal);
        var r = Cli.Run("validate", "--config", temp.Write("c.json", config));

        r.Out.Should().Contain("warning PA1110");
        r.Out.Should().Contain("authTime");
        Cli.Run("validate", "--config", temp.Write("d.json", Config())).Out.Should().NotContain("PA1110");
    }

    [Test]
    public void Validate_reports_an_unknown_profile_as_an_error()
    {
        using var temp = new TempFolder();
        var r = Cli.Run("validate", "--config", temp.Write("c.json", Config().Replace("\"keycloak\"", "\"pingfederate\"", StringComparison.Ordinal)));

        r.Exit.Should().NotBe(0);
        (r.Out + r.Err).Should().Contain("PA1101");
    }

    [Test]
    public void Challenge_for_an_issuers_callers_follows_its_profile()
    {
        using var temp = new TempFolder();
        var r = Cli.Run("challenge", "--context", "c1", "--max-age", "300", "--issuer", Keycloak, "--config", temp.Write("c.json", Config()));

        r.Exit.Should().Be(0, r.ToString());
        r.Out.Should().Be("WWW-Authenticate: Bearer error=\"insufficient_user_authentication\", error_description=\"A different authentication level is required\", acr_values=\"2\", max_age=\"300\"\n");
    }

    [Test]
    public void Challenge_for_an_issuer_without_a_profile_exits_2()
    {
        using var temp = new TempFolder();
        var r = Cli.Run("challenge", "--context", "c1", "--issuer", "https://elsewhere.example", "--config", temp.Write("c.json", Config()));

        r.Exit.Should().Be(2);
        r.Err.Should().Contain("no profile in settings:issuers");
    }
}
