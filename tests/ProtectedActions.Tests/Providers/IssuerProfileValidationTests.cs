using static ProtectedActions.Tests.Providers.ProviderFixtures;

namespace ProtectedActions.Tests.Providers;

/// <summary>settings:issuers is validated at start-up: PA1100–PA1109.</summary>
public class IssuerProfileValidationTests
{
    private static IReadOnlyList<ConfigurationIssue> Issues(Action<ProtectedActionsOptions> configure) =>
        ProtectedActionsConfiguration.Validate(Options(configure)).Issues;

    [Test]
    public void The_sample_configuration_is_valid()
    {
        var result = ProtectedActionsConfiguration.Validate(Options());

        result.IsValid.Should().BeTrue();
        result.Issues.Where(i => i.Code.StartsWith("PA11", StringComparison.Ordinal)).Should().BeEmpty();
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("sso.contoso.example")]
    [TestCase("http://sso.contoso.example/realms/staff")]
    [TestCase("https://sso.contoso.example/realms/ staff")]
    public void An_invalid_issuer_is_an_error(string? issuer) =>
        Issues(o => o.Settings.Issuers[1].Issuer = issuer).Should().Contain(i => i.Code == IssueCodes.InvalidIssuerProfileIssuer
            && i.Severity == ConfigurationSeverity.Error && i.Path.EndsWith("issuers[1]:issuer", StringComparison.Ordinal));

    [Test]
    public void A_loopback_http_issuer_is_accepted_for_development() =>
        Issues(o => o.Settings.Issuers[1].Issuer = "http://127.0.0.1:5001/").Should().NotContain(i => i.Code == IssueCodes.InvalidIssuerProfileIssuer);

    [TestCase(null)]
    [TestCase("")]
    [TestCase("ping")]
    [TestCase("entra-id")]
    public void An_unknown_profile_is_an_error(string? profile) =>
        Issues(o => o.Settings.Issuers[1].Profile = profile).Should().Contain(i => i.Code == IssueCodes.UnknownIssuerProfile && i.Severity == ConfigurationSeverity.Error);

    [TestCase("KEYCLOAK")]
    [TestCase("Keycloak")]
    public void Profile_names_are_case_insensitive(string profile) =>
        Issues(o => o.Settings.Issuers[1].Profile = profile).Should().NotContain(i => i.Severity == ConfigurationSeverity.Error);

    [Test]
    public void An_issuer_listed_twice_is_an_error() =>
        Issues(o => o.Settings.Issuers.Add(new() { Issuer = Keycloak, Profile = "generic" }))
            .Should().Contain(i => i.Code == IssueCodes.DuplicateIssuerProfile);

    [Test]
    public void An_acr_profile_issuer_also_in_trusted_issuers_is_an_error() =>
        Issues(o => o.Settings.TrustedIssuers = [Keycloak]).Should().Contain(i => i.Code == IssueCodes.DuplicateIssuerProfile);

    [Test]
    public void An_acr_mapping_to_an_undefined_context_warns() =>
        Issues(o => o.Settings.Issuers[1].Acr!.Contexts["c7"] = ["2"]).Should().Contain(i => i.Code == IssueCodes.AcrMappingUnknownContext
            && i.Severity == ConfigurationSeverity.Warning && i.Path.EndsWith("acr:contexts:c7", StringComparison.Ordinal));

    [Test]
    public void Duplicate_levels_warn_and_the_first_place_counts()
    {
        var options = Options(o => o.Settings.Issuers[1].Acr!.Levels = ["0", "1", "2", "1"]);

        ProtectedActionsConfiguration.Validate(options).Issues.Should().Contain(i => i.Code == IssueCodes.DuplicateAcrLevel && i.Severity == ConfigurationSeverity.Warning);
        Decide(SignIn(Keycloak, "1"), Strong, options).Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        Decide(SignIn(Keycloak, "1"), Weak, options).Outcome.Should().Be(ProtectedActionOutcome.Allowed);
    }

    [Test]
    public void A_context_value_not_in_levels_is_an_error() =>
        Issues(o => o.Settings.Issuers[1].Acr!.Contexts["c1"] = ["gold"]).Should().Contain(i => i.Code == IssueCodes.AcrValueNotInLevels && i.Severity == ConfigurationSeverity.Error);

    [Test]
    public void An_okta_value_outside_its_default_levels_is_an_error() =>
        Issues(o => o.Settings.Issuers[2].Acr!.Contexts["c1"] = ["urn:okta:loa:2fa:any:ifpossible"]).Should().Contain(i => i.Code == IssueCodes.AcrValueNotInLevels);

    [TestCase("")]
    [TestCase("two words")]
    [TestCase("quo\"te")]
    [TestCase("caf\u00e9")]
    public void An_unusable_acr_value_is_an_error(string value) =>
        Issues(o => o.Settings.Issuers[6].Acr!.Contexts["c1"] = [value]).Should().Contain(i => i.Code == IssueCodes.InvalidAcrValue);

    [Test]
    public void An_acr_mapping_on_an_entra_profile_is_an_error() =>
        Issues(o => o.Settings.Issuers[0].Acr = new() { Contexts = new() { ["c1"] = ["c1"] } }).Should().Contain(i => i.Code == IssueCodes.AcrMappingOnEntraProfile);

    [Test]
    public void A_context_with_no_values_is_an_error() =>
        Issues(o => o.Settings.Issuers[6].Acr!.Contexts["c1"] = []).Should().Contain(i => i.Code == IssueCodes.EmptyAcrMapping);

    [Test]
    public void A_profile_that_maps_no_context_warns() =>
        Issues(o => o.Settings.Issuers[6].Acr = null).Should().Contain(i => i.Code == IssueCodes.IssuerProfileMapsNoContext && i.Severity == ConfigurationSeverity.Warning);

    [Test]
    public void An_invalid_amr_override_is_reported_at_the_issuer() =>
        Issues(o => o.Settings.Issuers[1].Amr["otp"] = "carrierPigeon").Should().Contain(i => i.Code == IssueCodes.UnknownMethodMode && i.Path.Contains("issuers[1]:amr", StringComparison.Ordinal));

    [Test]
    public void Acr_profiles_alone_satisfy_the_acrs_trust_requirement()
    {
        var issues = Issues(o => o.Settings.Issuers.RemoveAt(0));

        issues.Should().NotContain(i => i.Code == IssueCodes.AcrsTrustWithoutIssuers);
    }

    [Test]
    public void Attacker_with_only_acr_profiles_acrs_from_any_other_issuer_is_not_trusted()
    {
        var options = Options(o => o.Settings.Issuers.RemoveAt(0));

        Decide(SignIn(Support.Fixtures.Issuer, null, acrs: ["c1"]), Strong, options).Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
    }

    [Test]
    public void Trusted_issuers_keep_working_as_shorthand_for_entra_profiles()
    {
        var options = Options(o =>
        {
            o.Settings.Issuers.RemoveAt(0);
            o.Settings.TrustedIssuers = [Support.Fixtures.Issuer];
        });

        Decide(SignIn(Support.Fixtures.Issuer, null, acrs: ["c1"]), Strong, options).Outcome.Should().Be(ProtectedActionOutcome.Allowed);
        Decide(SignIn(Keycloak, "2"), Strong, options).Outcome.Should().Be(ProtectedActionOutcome.Allowed);
    }
}
