using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using ProtectedActions.Tests.Support;
using static ProtectedActions.Tests.Support.Fixtures;

namespace ProtectedActions.Tests.FailClosedConfiguration;

/// <summary>Item 4: AddProtectedActions(IConfiguration) no longer drops unknown keys silently.</summary>
public class ConfigurationKeyCheckTests
{
    private const string Policy = """
          {
            "id": "POLICYID", "displayName": "Protected actions", "state": "enabled", "createdDateTime": "2024-01-01T00:00:00Z",
            "conditions": {
              "applications": { "includeAuthenticationContextClassReferences": [ "c1" ] },
              "users": { "includeUsers": [ "All" ], "excludeUsers": [ "00000000-0000-0000-0000-0000000000bb" ] },
              "times": { "included": "x" }
            },
            "grantControls": { "operator": "OR", "authenticationStrength": { "id": "00000000-0000-0000-0000-000000000004" } }
          }
        """;

    private static string Json(string settingsExtra = "", string grantExtra = "", string rootExtra = "") => """
        {
          "ProtectedActions": {
            ROOTEXTRA
            "authenticationContexts": [ { "id": "c1", "displayName": "Phishing-resistant" } ],
            "protectedActions": [ { "permission": "microsoft.directory/conditionalAccessPolicies/create", "authenticationContextId": "c1" } ],
            "conditionalAccessPolicies": [ P1, P2 ],
            "emergencyAccessAccounts": { "userIds": [ "00000000-0000-0000-0000-0000000000bb" ] },
            "settings": { SETTINGSEXTRA "trustedIssuers": [ "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0" ] }
          }
        }
        """
        .Replace("ROOTEXTRA", rootExtra, StringComparison.Ordinal)
        .Replace("P1", Policy.Replace("POLICYID", "p1", StringComparison.Ordinal).Replace("\"operator\": \"OR\"", "\"operator\": \"OR\"" + grantExtra, StringComparison.Ordinal), StringComparison.Ordinal)
        .Replace("P2", Policy.Replace("POLICYID", "p2", StringComparison.Ordinal), StringComparison.Ordinal)
        .Replace("SETTINGSEXTRA", settingsExtra, StringComparison.Ordinal);

    private static ServiceProvider Build(IConfiguration config, FakeLogCollector? logs = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock());
        if (logs is not null)
        {
            services.AddLogging(b => b.AddProvider(new FakeLoggerProvider(logs)));
        }

        services.AddProtectedActions(config.GetSection("ProtectedActions"));
        return services.BuildServiceProvider(validateScopes: true);
    }

    private static IConfigurationRoot Config(string json) =>
        new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();

    private static IReadOnlyList<ConfigurationIssue> Issues(string json)
    {
        using var sp = Build(Config(json));
        return sp.GetRequiredService<IProtectedActionsConfigurationStatus>().Issues;
    }

    [Test]
    public void A_misspelt_setting_is_a_warning_with_a_did_you_mean_and_the_path()
    {
        var issue = Issues(Json(settingsExtra: "\"strictMod\": true,")).Should().ContainSingle(i => i.Code == "PA6030").Subject;
        issue.Severity.Should().Be(ConfigurationSeverity.Warning);
        issue.Path.Should().Be("ProtectedActions:settings:strictMod");
        issue.Message.Should().Be("unknown property 'strictMod' is ignored; did you mean 'strictMode'?");
    }

    [Test]
    public void A_misspelt_key_inside_a_policy_is_a_warning_naming_the_policy_path()
    {
        var issue = Issues(Json(grantExtra: ", \"builtInControl\": [ \"mfa\" ]")).Should().ContainSingle(i => i.Code == "PA6030").Subject;
        issue.Path.Should().Be("ProtectedActions:conditionalAccessPolicies[0]:grantControls:builtInControl");
        issue.Message.Should().Contain("did you mean 'builtInControls'?");
    }

    [Test]
    public void A_misspelt_top_level_section_is_a_warning()
    {
        var issue = Issues(Json(rootExtra: "\"emergencyAccessAccount\": { \"userIds\": [ \"x\" ] },")).Should().ContainSingle(i => i.Code == "PA6030").Subject;
        issue.Path.Should().Be("ProtectedActions:emergencyAccessAccount");
        issue.Message.Should().Contain("did you mean 'emergencyAccessAccounts'?");
    }

    [Test]
    public void Graph_properties_not_evaluated_are_information_summarised_once_per_name()
    {
        var issues = Issues(Json());
        issues.Should().NotContain(i => i.Code == "PA6030");
        issues.Where(i => i.Code == "PA6004").Select(i => i.Message).Should().BeEquivalentTo(
            "'createdDateTime' appears in 2 policies (the first named here) and is not evaluated.",
            "'times' appears in 2 policies (the first named here) and is not evaluated.");
        issues.Where(i => i.Code == "PA6004").Should().OnlyContain(i => i.Severity == ConfigurationSeverity.Information);
    }

    [Test]
    public void Unknown_keys_are_warnings_not_errors_so_the_evaluator_still_starts()
    {
        using var sp = Build(Config(Json(settingsExtra: "\"strictMod\": true,", grantExtra: ", \"operater\": \"AND\"")));
        var decision = sp.GetRequiredService<IProtectedActionEvaluator>()
            .EvaluateAsync(new(KnownPermissions.ConditionalAccessPoliciesCreate, Password())).AsTask().GetAwaiter().GetResult();
        decision.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
    }

    [Test]
    public void Warnings_are_logged_at_start_up_with_code_and_path()
    {
        var logs = new FakeLogCollector();
        using var sp = Build(Config(Json(settingsExtra: "\"strictMod\": true,")), logs);
        _ = sp.GetRequiredService<IProtectedActionEvaluator>();
        logs.GetSnapshot().Should().Contain(r => r.Id.Id == 1002 && r.Level == Microsoft.Extensions.Logging.LogLevel.Warning
            && r.Message.Contains("PA6030", StringComparison.Ordinal) && r.Message.Contains("ProtectedActions:settings:strictMod", StringComparison.Ordinal));
    }

    [Test]
    public void A_reload_reports_the_keys_of_the_new_configuration()
    {
        var source = new ReloadableJsonSource(Json());
        var config = new ConfigurationBuilder().Add(source).Build();
        using var sp = Build(config);
        var status = sp.GetRequiredService<IProtectedActionsConfigurationStatus>();
        status.Issues.Should().NotContain(i => i.Code == "PA6030");

        source.Set(Json(settingsExtra: "\"requireClientCapabilty\": true,"));
        status.Issues.Should().ContainSingle(i => i.Code == "PA6030").Which.Message.Should().Contain("did you mean 'requireClientCapability'?");

        source.Set(Json());
        status.Issues.Should().NotContain(i => i.Code == "PA6030");
    }

    [Test]
    public void The_code_overload_has_no_key_check_and_no_extra_issues()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock());
        services.AddProtectedActions(o =>
        {
            var seed = Seed();
            o.AuthenticationContexts = seed.AuthenticationContexts;
            o.ProtectedActions = seed.ProtectedActions;
            o.ConditionalAccessPolicies = seed.ConditionalAccessPolicies;
            o.EmergencyAccessAccounts = seed.EmergencyAccessAccounts;
            o.Settings.TrustedIssuers = ["https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0"];
        });
        using var sp = services.BuildServiceProvider();
        sp.GetRequiredService<IProtectedActionsConfigurationStatus>().Issues.Should().NotContain(i => i.Code == "PA6030" || i.Code == "PA6004");
    }
}
