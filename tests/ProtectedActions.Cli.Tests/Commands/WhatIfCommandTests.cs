using System.Text.Json;

namespace ProtectedActions.Cli.Tests.Commands;

public class WhatIfCommandTests
{
    private static readonly string[] DecisionFields =
    [
        "action", "protected", "authenticationContextId", "outcome", "satisfiedBy", "clientCapable", "maxAgeSeconds",
        "challenge", "policies", "warnings", "explanation",
    ];

    private static readonly string[] PolicyFields =
    [
        "id", "displayName", "state", "applies", "reason", "satisfied", "failedControls", "remediable", "reportOnly",
    ];

    [Test]
    public void Step_up_decision_in_json_has_every_contract_field_in_order()
    {
        var r = Cli.Run("whatif", "--config", RepositoryPaths.SampleConfig, "--action", Fixtures.CaDelete,
            "--signin", Path.Combine(RepositoryPaths.PolicyTests, "signins", "admin-password-sms.json"), "--format", "json");

        r.Exit.Should().Be(0, r.ToString());
        using var doc = JsonDocument.Parse(r.Out);
        var d = doc.RootElement;
        d.EnumerateObject().Select(p => p.Name).Should().Equal(DecisionFields);
        d.GetProperty("action").GetString().Should().Be(Fixtures.CaDelete);
        d.GetProperty("protected").GetBoolean().Should().BeTrue();
        d.GetProperty("authenticationContextId").GetString().Should().Be("c1");
        d.GetProperty("outcome").GetString().Should().Be("stepUpRequired");
        d.GetProperty("satisfiedBy").ValueKind.Should().Be(JsonValueKind.Null);
        d.GetProperty("clientCapable").GetBoolean().Should().BeTrue();
        d.GetProperty("maxAgeSeconds").ValueKind.Should().Be(JsonValueKind.Null, "the sign-in is ten minutes old: only the strength failed");
        var challenge = d.GetProperty("challenge");
        challenge.EnumerateObject().Select(p => p.Name).Should().Equal("wwwAuthenticate", "claims");
        challenge.GetProperty("wwwAuthenticate")[0].GetString().Should().StartWith("Bearer ").And.Contain("error=\"insufficient_claims\"");
        challenge.GetProperty("claims").GetString().Should().Be("{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"c1\"}}}");
        var policy = d.GetProperty("policies").EnumerateArray().Single();
        policy.EnumerateObject().Select(p => p.Name).Should().Equal(PolicyFields);
        policy.GetProperty("id").GetString().Should().Be("6f1d2a36-0c43-4a3e-9d0e-0a5f3c2b1e01");
        policy.GetProperty("displayName").GetString().Should().StartWith("Protected actions:");
        policy.GetProperty("state").GetString().Should().Be("enabled");
        policy.GetProperty("applies").GetBoolean().Should().BeTrue();
        policy.GetProperty("reason").GetString().Should().Be("notSet");
        policy.GetProperty("satisfied").GetBoolean().Should().BeFalse();
        policy.GetProperty("failedControls").EnumerateArray().Select(e => e.GetString()).Should().Equal("authenticationStrength");
        policy.GetProperty("remediable").GetBoolean().Should().BeTrue();
        policy.GetProperty("reportOnly").GetBoolean().Should().BeFalse();
        d.GetProperty("warnings").GetArrayLength().Should().Be(0);
        d.GetProperty("explanation").GetString().Should().StartWith("Step-up required");
    }

    [Test]
    public void The_sign_ins_now_is_the_evaluation_instant_so_sign_in_frequency_reports_max_age()
    {
        using var temp = new TempFolder();
        var signIn = Fixtures.SignIn($$"""{ "userId": "{{Fixtures.Admin}}", "authenticationMethods": [ "fido2" ], "authenticationTime": "2026-03-02T08:00:00Z", "now": "2026-03-02T10:00:00Z" }""", temp);

        var r = Cli.Run("whatif", "--config", RepositoryPaths.SampleConfig, "--action", Fixtures.CaDelete, "--signin", signIn, "--format", "json");

        using var doc = JsonDocument.Parse(r.Out);
        doc.RootElement.GetProperty("outcome").GetString().Should().Be("stepUpRequired");
        doc.RootElement.GetProperty("maxAgeSeconds").GetInt32().Should().Be(3600);
        doc.RootElement.GetProperty("policies")[0].GetProperty("failedControls")[0].GetString().Should().Be("signInFrequency");
    }

    [Test]
    public void Allowed_by_the_token_reports_satisfied_by_token_and_no_challenge()
    {
        using var temp = new TempFolder();
        var signIn = Fixtures.SignIn("{ \"userId\": \"u\", " + Fixtures.TrustedTenantSignIn + ", \"acrs\": [ \"c1\" ] }", temp);

        var r = Cli.Run("whatif", "--config", RepositoryPaths.SampleConfig, "--action", Fixtures.CaDelete, "--signin", signIn, "--format", "json");

        using var doc = JsonDocument.Parse(r.Out);
        doc.RootElement.GetProperty("outcome").GetString().Should().Be("allowed");
        doc.RootElement.GetProperty("satisfiedBy").GetString().Should().Be("token");
        doc.RootElement.GetProperty("challenge").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Test]
    public void An_unprotected_permission_is_allowed_as_not_protected()
    {
        using var temp = new TempFolder();
        var signIn = Fixtures.SignIn("{}", temp);

        var r = Cli.Run("whatif", "--config", RepositoryPaths.SampleConfig, "--action", "contoso.wiki/pages/read", "--signin", signIn, "--format", "json");

        r.Exit.Should().Be(0);
        using var doc = JsonDocument.Parse(r.Out);
        doc.RootElement.GetProperty("protected").GetBoolean().Should().BeFalse();
        doc.RootElement.GetProperty("authenticationContextId").ValueKind.Should().Be(JsonValueKind.Null);
        doc.RootElement.GetProperty("outcome").GetString().Should().Be("allowed");
        doc.RootElement.GetProperty("satisfiedBy").GetString().Should().Be("notProtected");
        doc.RootElement.GetProperty("policies").GetArrayLength().Should().Be(0);
    }

    [Test]
    public void A_denied_decision_still_exits_0_and_reports_report_only_policies()
    {
        using var temp = new TempFolder();
        var config = temp.Write("c.json", Fixtures.ConfigWithBlock);
        var signIn = Fixtures.SignIn("""{ "userId": "guest-1", "userType": "guest", "amr": [ "pwd" ] }""", temp);

        var r = Cli.Run("whatif", "--config", config, "--action", "contoso.billing/invoices/approve", "--signin", signIn, "--format", "json");

        r.Exit.Should().Be(0, r.ToString());
        using var doc = JsonDocument.Parse(r.Out);
        doc.RootElement.GetProperty("outcome").GetString().Should().Be("denied");
        var policies = doc.RootElement.GetProperty("policies").EnumerateArray().ToList();
        policies[0].GetProperty("failedControls")[0].GetString().Should().Be("block");
        policies[0].GetProperty("remediable").GetBoolean().Should().BeFalse();
        policies[1].GetProperty("state").GetString().Should().Be("enabledForReportingButNotEnforced");
        policies[1].GetProperty("reportOnly").GetBoolean().Should().BeTrue();
    }

    [Test]
    public void A_policy_that_does_not_apply_says_why()
    {
        using var temp = new TempFolder();
        var config = temp.Write("c.json", Fixtures.ConfigWithBlock);
        var signIn = Fixtures.SignIn($$"""{ "userId": "{{Fixtures.Emergency}}", "userType": "member" }""", temp);

        var r = Cli.Run("whatif", "--config", config, "--action", "contoso.billing/invoices/approve", "--signin", signIn, "--format", "json");

        using var doc = JsonDocument.Parse(r.Out);
        var first = doc.RootElement.GetProperty("policies")[0];
        first.GetProperty("applies").GetBoolean().Should().BeFalse();
        first.GetProperty("reason").GetString().Should().Be("users");
        first.GetProperty("satisfied").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Test]
    public void Text_output_is_a_verdict_line_then_each_policy_then_the_challenge()
    {
        var r = Cli.Run("whatif", "--config", RepositoryPaths.SampleConfig, "--action", Fixtures.CaDelete,
            "--signin", Path.Combine(RepositoryPaths.PolicyTests, "signins", "admin-password-sms.json"));

        r.Exit.Should().Be(0);
        var lines = r.Out.TrimEnd('\n').Split('\n');
        lines[0].Should().StartWith("Step-up required: authenticate again to satisfy authentication context c1");
        lines[1].Should().StartWith("- Protected actions: phishing-resistant MFA").And.Contain("applies, not satisfied: authenticationStrength");
        lines.Should().Contain(l => l.StartsWith("WWW-Authenticate: Bearer ", StringComparison.Ordinal));
    }

    [Test]
    public void Decision_notes_and_configuration_warnings_appear_as_warnings()
    {
        using var temp = new TempFolder();
        var config = temp.Write("c.json", Fixtures.ConfigWithBlock.Replace("\"emergencyAccessAccounts\"", "\"unused\"", StringComparison.Ordinal));
        var signIn = Fixtures.SignIn("""{ "userId": "u", "authenticationTime": "2030-01-01T00:00:00Z", "now": "2026-01-01T00:00:00Z" }""", temp);

        var r = Cli.Run("whatif", "--config", config, "--action", "contoso.billing/invoices/approve", "--signin", signIn, "--format", "json");

        using var doc = JsonDocument.Parse(r.Out);
        var warnings = doc.RootElement.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToList();
        warnings.Should().Contain(w => w.Contains("auth_time is in the future", StringComparison.Ordinal));
        warnings.Should().Contain(w => w.StartsWith("PA5007 ", StringComparison.Ordinal));
    }

    [Test]
    public void An_invalid_configuration_exits_2_naming_file_and_json_path_without_a_stack_trace()
    {
        using var temp = new TempFolder();
        var config = temp.Write("c.json", "{\n  \"authenticationContexts\": [ { \"id\": \"c1\" } ],\n  \"protectedActions\": [ { \"permission\": \"a/b/c\", \"authenticationContextId\": \"c9\" } ]\n}");
        var signIn = Fixtures.SignIn("{}", temp);

        var r = Cli.Run("whatif", "--config", config, "--action", "a/b/c", "--signin", signIn);

        r.Exit.Should().Be(2);
        r.Out.Should().BeEmpty();
        r.Err.Should().StartWith("protected-actions whatif: the configuration is invalid: ")
            .And.Contain(config + "#$.protectedActions[0].authenticationContextId")
            .And.NotContain("   at ");
        r.Err.TrimEnd('\n').Should().NotContain("\n");
    }

    [Test]
    public void An_unparsable_configuration_exits_2_with_line_and_position()
    {
        using var temp = new TempFolder();
        var config = temp.Write("c.json", "{ \"authenticationContexts\": [ } ");
        var signIn = Fixtures.SignIn("{}", temp);

        var r = Cli.Run("whatif", "--config", config, "--action", "a/b/c", "--signin", signIn);

        r.Exit.Should().Be(2);
        r.Err.Should().Contain(config + "#$").And.Contain("(line 1, position 31)");
    }

    [Test]
    public void An_invalid_sign_in_exits_2_naming_file_and_json_path()
    {
        using var temp = new TempFolder();
        var signIn = Fixtures.SignIn("{\n  \"device\": { \"isCompliant\": \"yes\" }\n}", temp);

        var r = Cli.Run("whatif", "--config", RepositoryPaths.SampleConfig, "--action", Fixtures.CaDelete, "--signin", signIn);

        r.Exit.Should().Be(2);
        r.Err.Should().Be($"protected-actions whatif: the sign-in is invalid: {signIn}#$.device.isCompliant: PA6003 expected true or false, found a string (line 2, position 15).\n");
    }

    [Test]
    public void A_missing_sign_in_file_exits_2()
    {
        var r = Cli.Run("whatif", "--config", RepositoryPaths.SampleConfig, "--action", Fixtures.CaDelete, "--signin", "/nonexistent/signin.json");

        r.Exit.Should().Be(2);
        r.Err.Should().Contain("/nonexistent/signin.json#$").And.Contain("does not exist");
    }

    [TestCase("--action", "option --action is required")]
    [TestCase("--signin", "option --signin is required")]
    public void Missing_required_options_exit_2(string omitted, string message)
    {
        var args = new List<string> { "whatif", "--config", RepositoryPaths.SampleConfig, "--action", "a/b/c", "--signin", "s.json" };
        var i = args.IndexOf(omitted);
        args.RemoveRange(i, 2);

        var r = Cli.Run([.. args]);

        r.Exit.Should().Be(2);
        r.Err.Should().Contain(message);
    }

    [Test]
    public void Options_given_twice_where_once_is_allowed_exit_2()
    {
        var r = Cli.Run("whatif", "--config", RepositoryPaths.SampleConfig, "--action", "a/b/c", "--action", "d/e/f", "--signin", "s.json");

        r.Exit.Should().Be(2);
        r.Err.Should().Contain("option --action may be given only once");
    }
}
