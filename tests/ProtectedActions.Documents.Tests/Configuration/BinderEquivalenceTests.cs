using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ProtectedActions.Documents.Tests.Configuration;

/// <summary>
/// The document the loader reads must be exactly what <c>AddProtectedActions(IConfiguration)</c> binds: the same
/// files are bound both ways and compared through a canonical re-serialization and through decisions.
/// </summary>
public class BinderEquivalenceTests
{
    [Test]
    public void The_sample_configuration_binds_to_the_same_options_both_ways()
    {
        var loaded = ProtectedActionsDocument.LoadFile(RepositoryPaths.SampleConfig);
        loaded.HasErrors.Should().BeFalse();

        var bound = BindFromFile(RepositoryPaths.SampleConfig, section: null);

        ProtectedActionsDocument.Serialize(bound).Should().Be(ProtectedActionsDocument.Serialize(loaded.Options));
    }

    [Test]
    public void An_appsettings_section_binds_to_the_same_options_both_ways()
    {
        using var temp = new TempFolder();
        var appsettings = temp.Write("appsettings.json",
            "{ \"Logging\": { \"LogLevel\": { \"Default\": \"Information\" } },\n \"ProtectedActions\": " + File.ReadAllText(RepositoryPaths.SampleConfig) + " }");

        var loaded = ProtectedActionsDocument.LoadFile(appsettings);
        var bound = BindFromFile(appsettings, section: ProtectedActionsOptions.SectionName);

        loaded.HasErrors.Should().BeFalse();
        ProtectedActionsDocument.Serialize(bound).Should().Be(ProtectedActionsDocument.Serialize(loaded.Options));
    }

    [Test]
    public void A_document_with_every_settings_kind_binds_the_same_both_ways()
    {
        using var temp = new TempFolder();
        var file = temp.Write("settings.json", """
            {
              "authenticationContexts": [ { "id": "c1", "isAvailable": true }, { "id": "c2", "displayName": "two" } ],
              "protectedActions": [ { "permission": "contoso.billing/*", "authenticationContextId": "c2" } ],
              "conditionalAccessPolicies": [
                { "id": "p1", "state": "enabledForReportingButNotEnforced",
                  "conditions": { "applications": { "includeAuthenticationContextClassReferences": [ "c2" ] },
                                  "users": { "includeUsers": [ "All" ], "excludeGroups": [ "g-emergency" ] },
                                  "signInRiskLevels": [ "high" ] },
                  "grantControls": { "operator": "AND", "builtInControls": [ "mfa" ] },
                  "sessionControls": { "signInFrequency": { "isEnabled": true, "frequencyInterval": "everyTime" } } }
              ],
              "authenticationStrengthPolicies": [ { "id": "s1", "displayName": "FIDO2", "policyType": "custom", "allowedCombinations": [ "fido2", "windowsHelloForBusiness" ] } ],
              "namedLocations": [
                { "@odata.type": "#microsoft.graph.ipNamedLocation", "id": "n1", "displayName": "HQ", "isTrusted": true,
                  "ipRanges": [ { "@odata.type": "#microsoft.graph.iPv6CidrRange", "cidrAddress": "2001:db8::/48" } ] },
                { "@odata.type": "#microsoft.graph.countryNamedLocation", "id": "n2", "countriesAndRegions": [ "DE" ], "includeUnknownCountriesAndRegions": true }
              ],
              "emergencyAccessAccounts": { "groupIds": [ "g-emergency" ] },
              "settings": {
                "challengeFormat": "both", "realm": "api", "errorDescription": "Step up", "acrValues": { "c2": "urn:contoso:phr" },
                "trustAcrsClaim": false, "trustedIssuers": [ "https://issuer.example/v2.0" ], "requireClientCapability": true,
                "amrMappings": { "hwk": "fido2" }, "strictMode": true, "clockSkew": "00:01:00", "providerTimeout": "00:00:05",
                "includeDevelopmentDetails": true
              }
            }
            """);

        var loaded = ProtectedActionsDocument.LoadFile(file);
        var bound = BindFromFile(file, section: null);

        loaded.Issues.Should().BeEmpty();
        ProtectedActionsDocument.Serialize(bound).Should().Be(ProtectedActionsDocument.Serialize(loaded.Options));
        bound.Settings.AcrValues.Should().ContainKey("C2", "both keep the options' case-insensitive map");
        bound.NamedLocations[0].ODataType.Should().Be("#microsoft.graph.ipNamedLocation", "the binder reads @odata.type through ConfigurationKeyName");
        loaded.Options.NamedLocations[0].IpRanges![0].ODataType.Should().Be("#microsoft.graph.iPv6CidrRange");
    }

    [Test]
    public void The_imported_corpus_binds_to_the_same_options_both_ways()
    {
        using var temp = new TempFolder();
        var imported = ProtectedActionsDocument.LoadPaths([RepositoryPaths.Corpus]);
        var file = temp.Write("imported.json", ProtectedActionsDocument.Serialize(imported.Options));

        var loaded = ProtectedActionsDocument.LoadFile(file);
        var bound = BindPlain(file);

        loaded.Issues.Should().BeEmpty("a written document reads back without unknown properties");
        ProtectedActionsDocument.Serialize(bound).Should().Be(ProtectedActionsDocument.Serialize(loaded.Options));
    }

    [Test]
    public async Task Decisions_are_the_same_for_both_bindings()
    {
        var loaded = ProtectedActionsDocument.LoadFile(RepositoryPaths.SampleConfig).Options;
        var bound = BindFromFile(RepositoryPaths.SampleConfig, section: null);
        var now = new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
        var clock = new FixedClock(now);
        var a = ProtectedActionEvaluator.Create(loaded, clock);
        var b = ProtectedActionEvaluator.Create(bound, clock);
        SignInContext[] signIns =
        [
            new() { UserId = "u", AuthenticationMethodReferences = ["pwd"] },
            new() { UserId = "u", AuthenticationMethods = AuthenticationMethodModes.Fido2, AuthenticationTime = now.AddMinutes(-5) },
            new() { UserId = "u", AuthenticationMethods = AuthenticationMethodModes.Fido2, AuthenticationTime = now.AddHours(-3) },
            new() { UserId = "b0c4a9a4-6a3e-4c0e-9f53-000000000911" },
        ];

        foreach (var permission in KnownPermissions.All)
        {
            foreach (var signIn in signIns)
            {
                var x = await a.EvaluateAsync(new ProtectedActionRequest(permission, signIn));
                var y = await b.EvaluateAsync(new ProtectedActionRequest(permission, signIn));
                y.Explanation.Should().Be(x.Explanation);
                y.Outcome.Should().Be(x.Outcome);
            }
        }
    }

    private static ProtectedActionsOptions BindFromFile(string file, string? section)
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(file, optional: false, reloadOnChange: false).Build();
        var services = new ServiceCollection();
        services.AddProtectedActions(section is null ? configuration : configuration.GetSection(section));
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<ProtectedActionsOptions>>().Value;
    }

    /// <summary>Binding without the DI validation (the imported corpus has no contexts and would fail start-up validation).</summary>
    private static ProtectedActionsOptions BindPlain(string file)
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(file, optional: false, reloadOnChange: false).Build();
        var options = new ProtectedActionsOptions();
        configuration.Bind(options);
        return options;
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
