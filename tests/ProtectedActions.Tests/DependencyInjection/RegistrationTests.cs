using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ProtectedActions.Tests.Support;
using static ProtectedActions.Tests.Support.Fixtures;

namespace ProtectedActions.Tests.DependencyInjection;

public class RegistrationTests
{
    private const string SeedJson = """
    {
      "ProtectedActions": {
        "authenticationContexts": [ { "id": "c1", "displayName": "Phishing-resistant", "isAvailable": true } ],
        "protectedActions": [
          { "permission": "microsoft.directory/conditionalAccessPolicies/create", "authenticationContextId": "c1" },
          { "permission": "microsoft.directory/resourceNamespaces/resourceActions/authenticationContext/update", "authenticationContextId": "c1" }
        ],
        "conditionalAccessPolicies": [
          {
            "id": "p1", "displayName": "Protected actions", "state": "enabled", "createdDateTime": null,
            "conditions": {
              "applications": { "includeApplications": [], "includeAuthenticationContextClassReferences": [ "c1" ] },
              "users": { "includeUsers": [ "All" ], "excludeUsers": [ "00000000-0000-0000-0000-0000000000bb" ] },
              "platforms": null, "locations": null, "signInRiskLevels": [], "clientAppTypes": [ "all" ]
            },
            "grantControls": { "operator": "OR", "builtInControls": [], "authenticationStrength": { "id": "00000000-0000-0000-0000-000000000004" } },
            "sessionControls": { "signInFrequency": { "isEnabled": true, "value": 1, "type": "hours", "frequencyInterval": "timeBased" } }
          }
        ],
        "emergencyAccessAccounts": { "userIds": [ "00000000-0000-0000-0000-0000000000bb" ] },
        "settings": { "challengeFormat": "Both", "requireClientCapability": false, "trustedIssuers": [ "https://login.microsoftonline.com/7c3a9e51-2b4d-4f6a-8e1c-5d9b0a2f4c63/v2.0" ] }
      }
    }
    """;

    private static IConfigurationRoot Json(string json) =>
        new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();

    private static ServiceProvider Build(Action<IServiceCollection> register)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock());
        register(services);
        return services.BuildServiceProvider(validateScopes: true);
    }

    [Test]
    public async Task Evaluator_from_action_overload_decides()
    {
        using var sp = Build(s => s.AddProtectedActions(o =>
        {
            var seed = Seed();
            o.AuthenticationContexts = seed.AuthenticationContexts;
            o.ProtectedActions = seed.ProtectedActions;
            o.ConditionalAccessPolicies = seed.ConditionalAccessPolicies;
            o.EmergencyAccessAccounts = seed.EmergencyAccessAccounts;
            o.Settings = seed.Settings;
        }));
        var d = await sp.GetRequiredService<IProtectedActionEvaluator>().EvaluateAsync(new(KnownPermissions.ConditionalAccessPoliciesCreate, Password()));
        d.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
    }

    [Test]
    public async Task Evaluator_from_configuration_binds_the_graph_shaped_document()
    {
        var config = Json(SeedJson);
        using var sp = Build(s => s.AddProtectedActions(config.GetSection("ProtectedActions")));
        var e = sp.GetRequiredService<IProtectedActionEvaluator>();
        (await e.EvaluateAsync(new(KnownPermissions.ConditionalAccessPoliciesCreate, Password()))).Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        (await e.EvaluateAsync(new(KnownPermissions.ConditionalAccessPoliciesCreate, Fido2()))).Outcome.Should().Be(ProtectedActionOutcome.Allowed);
        var d = await e.EvaluateAsync(new(KnownPermissions.ConditionalAccessPoliciesCreate, Fido2(TimeSpan.FromHours(3))));
        d.MaxAgeSeconds.Should().Be(3600);
        sp.GetRequiredService<IOptions<ProtectedActionsOptions>>().Value.Settings.ChallengeFormat.Should().Be(ChallengeFormat.Both);
    }

    [Test]
    public void Registering_twice_is_harmless()
    {
        var config = Json(SeedJson).GetSection("ProtectedActions");
        var services = new ServiceCollection();
        services.AddProtectedActions(config);
        var count = services.Count;
        services.AddProtectedActions(config);
        services.Where(d => d.ServiceType == typeof(IProtectedActionEvaluator)).Should().ContainSingle();
        services.Where(d => d.ServiceType == typeof(IValidateOptions<ProtectedActionsOptions>)).Should().ContainSingle();
        using var sp = services.BuildServiceProvider();
        sp.GetRequiredService<IProtectedActionEvaluator>().Should().BeSameAs(sp.GetRequiredService<IProtectedActionEvaluator>());
    }

    [Test]
    public void Arguments_are_guarded()
    {
        FluentActions.Invoking(() => ((IServiceCollection)null!).AddProtectedActions(_ => { })).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => new ServiceCollection().AddProtectedActions((Action<ProtectedActionsOptions>)null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => new ServiceCollection().AddProtectedActions((IConfiguration)null!)).Should().Throw<ArgumentNullException>();
    }

    [Test]
    public void Builder_exposes_the_services()
    {
        var services = new ServiceCollection();
        services.AddProtectedActions(_ => { }).Services.Should().BeSameAs(services);
    }

    [Test]
    public void Invalid_configuration_fails_at_start_with_the_path_in_the_message()
    {
        var config = Json(SeedJson.Replace("00000000-0000-0000-0000-000000000004", "x", StringComparison.Ordinal));
        using var sp = Build(s => s.AddProtectedActions(config.GetSection("ProtectedActions")));
        // ValidateOnStart runs these validators when a host starts; run them the same way here.
        var act = () => sp.GetRequiredService<IOptions<ProtectedActionsOptions>>().Value;
        act.Should().Throw<OptionsValidationException>()
            .Which.Message.Should().Contain("ProtectedActions:conditionalAccessPolicies[0]:grantControls:authenticationStrength:id: unknown strength 'x'".Replace("conditionalAccessPolicies", "ConditionalAccessPolicies", StringComparison.Ordinal));
    }

    [Test]
    public async Task Reload_swaps_in_a_new_snapshot_and_an_invalid_reload_keeps_the_last_good_one()
    {
        var source = new ReloadableJsonSource(SeedJson);
        var config = new ConfigurationBuilder().Add(source).Build();
        using var sp = Build(s => s.AddProtectedActions(config.GetSection("ProtectedActions")));
        var e = sp.GetRequiredService<IProtectedActionEvaluator>();
        var status = sp.GetRequiredService<IProtectedActionsConfigurationStatus>();
        var v1 = status.Version;
        (await e.EvaluateAsync(new(KnownPermissions.ConditionalAccessPoliciesCreate, Password()))).Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);

        source.Set(SeedJson.Replace("\"state\": \"enabled\"", "\"state\": \"disabled\"", StringComparison.Ordinal));
        status.Version.Should().BeGreaterThan(v1);
        (await e.EvaluateAsync(new(KnownPermissions.ConditionalAccessPoliciesCreate, Password()))).Outcome.Should().Be(ProtectedActionOutcome.Allowed);
        var v2 = status.Version;

        source.Set(SeedJson.Replace("\"state\": \"enabled\"", "\"state\": \"bogus\"", StringComparison.Ordinal));
        status.Version.Should().Be(v2);
        status.IsDegraded.Should().BeTrue();
        status.LastReloadErrors.Should().ContainSingle().Which.Path.Should().EndWith(":state");
        (await e.EvaluateAsync(new(KnownPermissions.ConditionalAccessPoliciesCreate, Password()))).Outcome.Should().Be(ProtectedActionOutcome.Allowed);

        source.Set(SeedJson);
        status.IsDegraded.Should().BeFalse();
        (await e.EvaluateAsync(new(KnownPermissions.ConditionalAccessPoliciesCreate, Password()))).Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
    }

    [Test]
    public void An_invalid_reload_is_logged_as_an_error_naming_the_path_but_no_values()
    {
        var logs = new Microsoft.Extensions.Logging.Testing.FakeLogCollector();
        var source = new ReloadableJsonSource(SeedJson);
        var config = new ConfigurationBuilder().Add(source).Build();
        using var sp = Build(s =>
        {
            s.AddLogging(b => b.AddProvider(new Microsoft.Extensions.Logging.Testing.FakeLoggerProvider(logs)));
            s.AddProtectedActions(config.GetSection("ProtectedActions"));
        });
        _ = sp.GetRequiredService<IProtectedActionEvaluator>();
        source.Set(SeedJson.Replace("\"state\": \"enabled\"", "\"state\": \"bogus\"", StringComparison.Ordinal));
        var record = logs.GetSnapshot().Should().ContainSingle(r => r.Id.Id == 1001).Subject;
        record.Level.Should().Be(Microsoft.Extensions.Logging.LogLevel.Error);
        record.Message.Should().Contain("ProtectedActions:ConditionalAccessPolicies[0]:state");
    }
}
