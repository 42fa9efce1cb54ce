using System.Net;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using ProtectedActions.AspNetCore.Tests.Infrastructure;
using static ProtectedActions.AspNetCore.Tests.FailClosed.Http.HttpScenario;

namespace ProtectedActions.AspNetCore.Tests.FailClosed.Http;

/// <summary>
/// Item 4 over HTTP: an appsettings section read through <c>AddProtectedActions(IConfiguration)</c> with a
/// misspelt policy key does not start (PA1090); a misspelt setting key starts with warning PA6030.
/// </summary>
public sealed class InertPolicyHttpTests
{
    private const string InertMessage = "this enabled policy has no grant and no session controls";
    private const string Hint = "grantControls or sessionControls missing (misspelt?)";

    private static readonly string MisspeltGrantControl = Document(Policy("policy-block", "\"grantControl\": { \"operator\": \"OR\", \"builtInControls\": [ \"block\" ] }"));

    private static ConfigurationIssue[] Errors(string document)
    {
        var options = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(document))).Build().Get<ProtectedActionsOptions>()!;
        return [.. ProtectedActionsConfiguration.Validate(options).Errors];
    }

    [Test]
    public async Task Attacker_misspelt_grantControl_in_appsettings_does_not_leave_an_inert_policy_the_host_fails_to_start()
    {
        var start = () => StartAsync(MisspeltGrantControl);
        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message
            .Should().Contain("ProtectedActions:ConditionalAccessPolicies[0]: " + InertMessage).And.Contain(Hint);
    }

    [Test]
    public void The_start_up_error_of_a_misspelt_grantControl_is_PA1090()
    {
        Errors(MisspeltGrantControl).Should().ContainSingle(e => e.Code == "PA1090").Which.Message.Should().Contain(InertMessage);
    }

    [Test]
    public async Task Attacker_misspelt_builtInControl_leaves_grant_controls_empty_and_the_host_fails_to_start()
    {
        var start = () => StartAsync(Document(Policy("policy-block", "\"grantControls\": { \"operator\": \"OR\", \"builtInControl\": [ \"block\" ] }")));
        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain(Hint);
    }

    [Test]
    public async Task Misspelt_grantControl_in_a_report_only_policy_fails_start_up_too()
    {
        var start = () => StartAsync(Document(Policy("policy-block", "\"grantControl\": { \"operator\": \"OR\", \"builtInControls\": [ \"block\" ] }")
            .Replace("\"state\": \"enabled\"", "\"state\": \"enabledForReportingButNotEnforced\"", StringComparison.Ordinal)));
        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain(Hint);
    }

    [Test]
    public async Task Misspelt_key_in_a_policy_through_appsettings_is_warning_PA6030_naming_the_path()
    {
        await using var host = await StartAsync(Document(Policy("policy-mfa", "\"grantControls\": { \"operater\": \"OR\", \"builtInControls\": [ \"mfa\" ] }")));
        host.Status.Issues.Should().ContainSingle(i => i.Code == "PA6030").Which.Path.Should().Be("ProtectedActions:conditionalAccessPolicies[0]:grantControls:operater");
    }

    [Test]
    public async Task Misspelt_setting_strictMod_starts_with_warning_PA6030_in_the_status_and_the_log()
    {
        await using var host = await StartAsync(DocumentWith(TrustTestIssuer + ", \"strictMod\": true", "", Policy("policy-mfa", Grant("OR", "mfa"))));

        var issue = host.Status.Issues.Should().ContainSingle(i => i.Code == "PA6030").Subject;
        issue.Severity.Should().Be(ConfigurationSeverity.Warning);
        issue.Path.Should().Be("ProtectedActions:settings:strictMod");
        issue.Message.Should().Contain("did you mean 'strictMode'?");
        host.Logs.GetSnapshot().Should().Contain(r => r.Id.Id == 1002 && r.Level == Microsoft.Extensions.Logging.LogLevel.Warning
            && r.Message.Contains("strictMod", StringComparison.Ordinal) && r.Message.Contains("strictMode", StringComparison.Ordinal));
    }

    [Test]
    public async Task Locked_out_user_a_host_with_a_misspelt_setting_still_enforces_and_shows_the_way()
    {
        await using var host = await StartAsync(DocumentWith(TrustTestIssuer + ", \"strictMod\": true", "", Policy("policy-mfa", Grant("OR", "mfa"))));
        (await host.PostAsync(TestTokens.Password("cp1"))).ShouldBeStepUpForC1();
        (await host.PostAsync(TestTokens.Create(amr: ["pwd", "mfa"]))).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
