using System.Globalization;
using ProtectedActions.Tests.Support;
using static ProtectedActions.Tests.Providers.ProviderFixtures;

namespace ProtectedActions.Tests.Mutation;

/// <summary>
/// settings:issuers as a policy author sees it: each PA1100–PA1110 (and PA1000/PA1084/PA4014 for an issuer) with its
/// exact severity, configuration path and text, and the bounds of what is accepted (100 issuers, 100 levels or values,
/// 256-character values, 2048-character issuers, acr values of at most 1024 characters together).
/// Issuer indexes refer to <c>ProviderFixtures.Options</c>: 0 entra, 1 keycloak (levels 0..2), 6 generic (c1 only).
/// </summary>
public class IssuerProfileMessageTests
{
    private const string At = "ProtectedActions:Settings:issuers";

    private const string InvalidValue =
        "an acr value must be 1 to 256 printable ASCII characters without spaces, quotes or backslashes, exactly as the provider issues it";

    private const string MapsNoContext =
        "this issuer's tokens satisfy no authentication context, so its callers are asked to step up for every protected action; map the contexts it can satisfy";

    private static ConfigurationValidationResult Validate(Action<ProtectedActionsOptions> configure) =>
        ProtectedActionsConfiguration.Validate(Options(configure));

    private static void ShouldReport(ConfigurationValidationResult result, ConfigurationSeverity severity, string code, string path, string message) =>
        result.Issues.Should().ContainSingle(i => i.Code == code, "the configuration has exactly this one problem of that kind")
            .Which.Should().Match<ConfigurationIssue>(i => i.Severity == severity && i.Path == path && i.Message == message,
                "{0}: {1} is expected", path, message);

    private static void ShouldBeClean(ConfigurationValidationResult result) =>
        result.Issues.Where(i => i.Code.StartsWith("PA1", StringComparison.Ordinal) || i.Code == IssueCodes.InvalidAcrValues)
            .Should().BeEmpty("the configuration is within every bound");

    private static List<string> Numbered(string prefix, int count) =>
        Enumerable.Range(0, count).Select(n => prefix + n.ToString(CultureInfo.InvariantCulture)).ToList();

    private static void AddGenericIssuers(ProtectedActionsOptions o, int count)
    {
        for (var n = 0; n < count; n++)
        {
            o.Settings.Issuers.Add(new()
            {
                Issuer = $"https://idp{n.ToString(CultureInfo.InvariantCulture)}.fabrikam.example",
                Profile = "generic",
                Acr = new() { Contexts = new(StringComparer.OrdinalIgnoreCase) { ["c1"] = ["gold"] } },
            });
        }
    }

    [Test]
    public void Exactly_100_issuers_are_accepted()
    {
        var result = Validate(o => AddGenericIssuers(o, 100 - o.Settings.Issuers.Count));

        result.IsValid.Should().BeTrue();
        ShouldBeClean(result);
    }

    [Test]
    public void More_than_100_issuers_is_an_error_on_the_list()
    {
        var result = Validate(o => AddGenericIssuers(o, 101 - o.Settings.Issuers.Count));

        result.IsValid.Should().BeFalse();
        ShouldReport(result, ConfigurationSeverity.Error, IssueCodes.TooManyEntries, At, "more than 100 entries");
    }

    [Test]
    public void An_empty_issuer_entry()
    {
        var result = Validate(o => o.Settings.Issuers.Add(null!));

        ShouldReport(result, ConfigurationSeverity.Error, IssueCodes.EmptyEntry, At + "[7]", "entry is empty");
    }

    [Test]
    public void An_invalid_issuer() =>
        ShouldReport(Validate(o => o.Settings.Issuers[1].Issuer = "sso.contoso.example"), ConfigurationSeverity.Error,
            IssueCodes.InvalidIssuerProfileIssuer, At + "[1]:issuer",
            "the issuer is required and must be an absolute https URI without whitespace (http only for a development issuer on loopback), exactly as the token's iss claim says it");

    [Test]
    public void An_issuer_of_2048_characters_is_accepted_and_one_of_2049_is_not()
    {
        const string prefix = "https://idp.contoso.example/";
        var longest = prefix + new string('a', 2048 - prefix.Length);

        var accepted = Validate(o => o.Settings.Issuers[6].Issuer = longest);
        accepted.IsValid.Should().BeTrue();
        ShouldBeClean(accepted);
        Decide(SignIn(longest, "gold"), Strong, Options(o => o.Settings.Issuers[6].Issuer = longest)).Outcome.Should().Be(ProtectedActionOutcome.Allowed);

        Validate(o => o.Settings.Issuers[6].Issuer = longest + "a").Issues
            .Should().Contain(i => i.Code == IssueCodes.InvalidIssuerProfileIssuer && i.Path == At + "[6]:issuer");
    }

    [Test]
    public void An_unknown_profile_lists_the_profiles() =>
        ShouldReport(Validate(o => o.Settings.Issuers[1].Profile = "ping"), ConfigurationSeverity.Error,
            IssueCodes.UnknownIssuerProfile, At + "[1]:profile",
            "the profile is required and must be one of entra, keycloak, okta, auth0, duende, openiddict, generic");

    [Test]
    public void An_issuer_listed_twice_is_reported_at_the_second_entry() =>
        ShouldReport(Validate(o => o.Settings.Issuers.Add(new() { Issuer = Keycloak, Profile = "generic" })), ConfigurationSeverity.Error,
            IssueCodes.DuplicateIssuerProfile, At + "[7]:issuer", "this issuer already has a profile; keep one profile per issuer");

    [Test]
    public void An_acr_profile_issuer_also_in_trusted_issuers_is_reported_once_and_not_compiled_further()
    {
        // Without a mapping and with a broken amr override, a compiled entry would also report PA1109 and the amr override.
        var result = Validate(o =>
        {
            o.Settings.TrustedIssuers = [Keycloak];
            o.Settings.Issuers[1].Acr = null;
            o.Settings.Issuers[1].Amr["otp"] = "carrierPigeon";
        });

        ShouldReport(result, ConfigurationSeverity.Error, IssueCodes.DuplicateIssuerProfile, At + "[1]:issuer",
            "this issuer is also in settings:trustedIssuers, which trusts its acrs as an entra profile; remove it from trustedIssuers");
        result.Issues.Where(i => i.Path.StartsWith(At + "[1]", StringComparison.Ordinal)).Should().ContainSingle();
    }

    [Test]
    public void An_entra_profile_with_an_empty_acr_object_is_fine()
    {
        ShouldBeClean(Validate(o => o.Settings.Issuers[0].Acr = new()));
        ShouldBeClean(Validate(o => o.Settings.Issuers[0].Acr = new() { Levels = [] }));
    }

    [Test]
    public void An_entra_profile_with_only_acr_levels_is_an_error() =>
        ShouldReport(Validate(o => o.Settings.Issuers[0].Acr = new() { Levels = ["1"] }), ConfigurationSeverity.Error,
            IssueCodes.AcrMappingOnEntraProfile, At + "[0]:acr",
            "an entra profile proves contexts with the acrs claim; remove acr (use another profile for a provider that issues acr)");

    [Test]
    public void Exactly_100_levels_are_accepted()
    {
        var result = Validate(o => o.Settings.Issuers[1].Acr!.Levels = Numbered("", 100));

        result.IsValid.Should().BeTrue();
        ShouldBeClean(result);
    }

    [Test]
    public void More_than_100_levels_is_an_error_on_the_levels() =>
        ShouldReport(Validate(o => o.Settings.Issuers[1].Acr!.Levels = Numbered("", 101)), ConfigurationSeverity.Error,
            IssueCodes.TooManyEntries, At + "[1]:acr:levels", "more than 100 entries");

    [Test]
    public void An_invalid_level_is_reported_at_its_index_and_left_out_of_the_listed_levels()
    {
        var result = Validate(o => o.Settings.Issuers[1].Acr!.Levels = ["0", "one two", "2"]);

        ShouldReport(result, ConfigurationSeverity.Error, IssueCodes.InvalidAcrValue, At + "[1]:acr:levels[1]", InvalidValue);
        ShouldReport(result, ConfigurationSeverity.Error, IssueCodes.AcrValueNotInLevels, At + "[1]:acr:contexts:c2[0]",
            "'1' is not one of the levels (0, 2), so its place in the order is unknown; add it to acr.levels or map a listed level");
    }

    [Test]
    public void A_duplicate_level_is_reported_at_the_later_index() =>
        ShouldReport(Validate(o => o.Settings.Issuers[1].Acr!.Levels = ["0", "1", "2", "1"]), ConfigurationSeverity.Warning,
            IssueCodes.DuplicateAcrLevel, At + "[1]:acr:levels[3]",
            "the level '1' is listed twice; the later one is ignored (a token with this acr has the lower level)");

    [Test]
    public void A_mapping_to_an_undefined_context() =>
        ShouldReport(Validate(o => o.Settings.Issuers[1].Acr!.Contexts["c7"] = ["2"]), ConfigurationSeverity.Warning,
            IssueCodes.AcrMappingUnknownContext, At + "[1]:acr:contexts:c7",
            "no authentication context with this id is defined, so the mapping is ignored; define the context or fix the id (c1..c99)");

    [Test]
    public void An_empty_mapping_maps_nothing()
    {
        var result = Validate(o => o.Settings.Issuers[6].Acr!.Contexts["c1"] = []);

        ShouldReport(result, ConfigurationSeverity.Error, IssueCodes.EmptyAcrMapping, At + "[6]:acr:contexts:c1", "list the acr value(s) that satisfy this context");
        ShouldReport(result, ConfigurationSeverity.Warning, IssueCodes.IssuerProfileMapsNoContext, At + "[6]:acr:contexts", MapsNoContext);
    }

    [Test]
    public void A_profile_without_a_mapping_warns() =>
        ShouldReport(Validate(o => o.Settings.Issuers[6].Acr = null), ConfigurationSeverity.Warning,
            IssueCodes.IssuerProfileMapsNoContext, At + "[6]:acr:contexts", MapsNoContext);

    [Test]
    public void Exactly_100_values_for_a_context_are_accepted()
    {
        var values = Numbered("v", 100);
        var options = Options(o => o.Settings.Issuers[6].Acr!.Contexts["c1"] = values);

        var result = ProtectedActionsConfiguration.Validate(options);
        result.IsValid.Should().BeTrue();
        ShouldBeClean(result);
        Decide(SignIn(Generic, "v99"), Strong, options).Outcome.Should().Be(ProtectedActionOutcome.Allowed);
    }

    [Test]
    public void More_than_100_values_for_a_context_is_an_error_and_maps_nothing()
    {
        var result = Validate(o => o.Settings.Issuers[6].Acr!.Contexts["c1"] = Numbered("v", 101));

        ShouldReport(result, ConfigurationSeverity.Error, IssueCodes.TooManyEntries, At + "[6]:acr:contexts:c1", "more than 100 entries");
        ShouldReport(result, ConfigurationSeverity.Warning, IssueCodes.IssuerProfileMapsNoContext, At + "[6]:acr:contexts", MapsNoContext);
    }

    [Test]
    public void An_invalid_context_value_is_reported_at_its_index_and_maps_nothing()
    {
        var result = Validate(o => o.Settings.Issuers[6].Acr!.Contexts["c1"] = ["gold", "two words"]);

        ShouldReport(result, ConfigurationSeverity.Error, IssueCodes.InvalidAcrValue, At + "[6]:acr:contexts:c1[1]", InvalidValue);
        ShouldReport(result, ConfigurationSeverity.Warning, IssueCodes.IssuerProfileMapsNoContext, At + "[6]:acr:contexts", MapsNoContext);
    }

    [Test]
    public void A_context_value_not_in_levels_lists_the_levels_and_maps_nothing()
    {
        var result = Validate(o =>
        {
            o.Settings.Issuers[1].Acr!.Contexts.Remove("c2");
            o.Settings.Issuers[1].Acr!.Contexts["c1"] = ["2", "gold"];
        });

        ShouldReport(result, ConfigurationSeverity.Error, IssueCodes.AcrValueNotInLevels, At + "[1]:acr:contexts:c1[1]",
            "'gold' is not one of the levels (0, 1, 2), so its place in the order is unknown; add it to acr.levels or map a listed level");
        ShouldReport(result, ConfigurationSeverity.Warning, IssueCodes.IssuerProfileMapsNoContext, At + "[1]:acr:contexts", MapsNoContext);
    }

    [Test]
    public void Acr_values_of_exactly_1024_characters_together_are_accepted_and_sent_in_the_challenge()
    {
        // Three values of 256 characters and one of 253, separated by three spaces: 1024 characters.
        List<string> values = [new('a', 256), new('b', 256), new('c', 256), new('d', 253)];
        var options = Options(o => o.Settings.Issuers[6].Acr!.Contexts["c1"] = values);

        var result = ProtectedActionsConfiguration.Validate(options);
        result.IsValid.Should().BeTrue();
        ShouldBeClean(result);
        var decision = Decide(SignIn(Generic, null), Strong, options);
        decision.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        decision.Challenge!.AcrValues.Should().Be(string.Join(' ', values)).And.HaveLength(1024);
    }

    [Test]
    public void Acr_values_longer_than_1024_characters_together_are_an_error() =>
        ShouldReport(Validate(o => o.Settings.Issuers[6].Acr!.Contexts["c1"] = [new('a', 256), new('b', 256), new('c', 256), new('d', 254)]),
            ConfigurationSeverity.Error, IssueCodes.InvalidAcrValues, At + "[6]:acr:contexts:c1",
            "the values, space-separated, are longer than 1024 characters");

    [Test]
    public void An_acr_value_of_256_characters_is_accepted_and_one_of_257_is_not()
    {
        var longest = new string('a', 256);
        var options = Options(o => o.Settings.Issuers[6].Acr!.Contexts["c1"] = [longest]);
        ShouldBeClean(ProtectedActionsConfiguration.Validate(options));
        Decide(SignIn(Generic, longest), Strong, options).Outcome.Should().Be(ProtectedActionOutcome.Allowed);

        ShouldReport(Validate(o => o.Settings.Issuers[6].Acr!.Contexts["c1"] = [longest + "a"]), ConfigurationSeverity.Error,
            IssueCodes.InvalidAcrValue, At + "[6]:acr:contexts:c1[0]", InvalidValue);
    }

    [TestCase("gold~1")]
    [TestCase("!")]
    [TestCase("urn:x:{y}|z")]
    public void Printable_ascii_up_to_tilde_is_a_valid_acr_value(string value)
    {
        var options = Options(o => o.Settings.Issuers[6].Acr!.Contexts["c1"] = [value]);

        ShouldBeClean(ProtectedActionsConfiguration.Validate(options));
        Decide(SignIn(Generic, value), Strong, options).Outcome.Should().Be(ProtectedActionOutcome.Allowed);
    }

    [TestCase("gold\u007f")]
    [TestCase("gold\u0080")]
    [TestCase("gold\t")]
    [TestCase("back\\slash")]
    public void Delete_and_other_unprintable_characters_make_an_acr_value_invalid(string value) =>
        ShouldReport(Validate(o => o.Settings.Issuers[6].Acr!.Contexts["c1"] = [value]), ConfigurationSeverity.Error,
            IssueCodes.InvalidAcrValue, At + "[6]:acr:contexts:c1[0]", InvalidValue);

    [Test]
    public void The_sign_in_frequency_warning_lists_the_contexts_in_ordinal_order()
    {
        var result = Validate(o =>
        {
            o.ConditionalAccessPolicies[0] = Fixtures.Policy("p1", "c1", strength: Fixtures.PhishingResistant, hours: 1);
            o.ConditionalAccessPolicies[1] = Fixtures.Policy("p2", "c2", strength: Fixtures.PhishingResistant, hours: 1);
            o.Settings.Issuers[1].Acr!.Contexts = new(StringComparer.OrdinalIgnoreCase) { ["c2"] = ["1"], ["c1"] = ["2"] };
            o.Settings.Issuers[1].AuthTime = false;
        });

        ShouldReport(result, ConfigurationSeverity.Warning, IssueCodes.SignInFrequencyWithoutAuthTime, At + "[1]:authTime",
            "this issuer's tokens carry no auth_time, so they can never prove the sign-in frequency of c1, c2 (iat is token issuance, not authentication, and is not used); its callers can never be allowed there. Make the provider issue auth_time and set authTime to true, or remove the sign-in frequency or the mapping");
    }

    // The key is shown as written, cut to 32 characters, with anything outside ' '..'~' as '?'.
    [TestCase("c7", "c7")]
    [TestCase("c 7", "c 7")]
    [TestCase("c~7", "c~7")]
    [TestCase("c\u00017", "c?7")]
    [TestCase("c\u007f7", "c?7")]
    [TestCase("c\u00e97", "c?7")]
    [TestCase("abcdefghijklmnopqrstuvwxyz012345", "abcdefghijklmnopqrstuvwxyz012345")]
    [TestCase("abcdefghijklmnopqrstuvwxyz0123456789", "abcdefghijklmnopqrstuvwxyz012345")]
    [TestCase("abcdefghijklmnopqrstuvwxyz01234\u00016789", "abcdefghijklmnopqrstuvwxyz01234?")]
    public void The_path_of_a_mapping_shows_a_printable_prefix_of_its_key(string key, string shown) =>
        ShouldReport(Validate(o => o.Settings.Issuers[1].Acr!.Contexts[key] = ["2"]), ConfigurationSeverity.Warning,
            IssueCodes.AcrMappingUnknownContext, At + "[1]:acr:contexts:" + shown,
            "no authentication context with this id is defined, so the mapping is ignored; define the context or fix the id (c1..c99)");
}
