using ProtectedActions.SignIns;
using ProtectedActions.Tests.Support;

namespace ProtectedActions.Tests.Mutation;

/// <summary>
/// The validation messages of the document's top-level lists (authentication contexts, authentication strengths,
/// named locations, policies, protected actions) and of the timing settings, each with its code, severity, exact
/// path and text: a policy author reads them to fix a document, so each entry problem is reported once, where it is.
/// </summary>
public class ConfigurationMessageTests
{
    private const string Root = "ProtectedActions";

    private static ConfigurationValidationResult Validate(Action<ProtectedActionsOptions> change)
    {
        var o = Fixtures.Seed();
        change(o);
        return ProtectedActionsConfiguration.Validate(o);
    }

    /// <summary>The document's only error is <paramref name="code"/> at <paramref name="path"/> with <paramref name="message"/>.</summary>
    private static void OnlyError(ConfigurationValidationResult result, string code, string path, string message)
    {
        result.IsValid.Should().BeFalse();
        result.Errors.Should().ContainSingle("errors were: " + string.Join(" | ", result.Errors))
            .Which.Should().Match<ConfigurationIssue>(i => i.Code == code && i.Path == path && i.Message == message && i.Severity == ConfigurationSeverity.Error,
                "{0} {1}: {2} is expected", code, path, message);
    }

    private static AuthenticationStrengthPolicy Strength(string? id, string? policyType = "custom", List<string>? combinations = null) =>
        new() { Id = id, DisplayName = "Strength", PolicyType = policyType, AllowedCombinations = combinations };

    private static NamedLocation Location(string? id, string cidr = "203.0.113.0/24") =>
        new() { Id = id, DisplayName = "Location", IpRanges = [new() { CidrAddress = cidr }] };

    [Test]
    public void An_empty_authentication_context_entry_is_reported_at_its_index() =>
        OnlyError(Validate(o => o.AuthenticationContexts.Add(null!)), IssueCodes.EmptyEntry, Root + ":AuthenticationContexts[1]", "entry is empty");

    [TestCase("c1x")]
    [TestCase("c1/")]
    [TestCase("c9:")]
    public void A_context_id_whose_third_character_is_not_a_digit_is_invalid(string id) =>
        OnlyError(Validate(o => o.AuthenticationContexts.Add(new() { Id = id })), IssueCodes.InvalidContextId,
            Root + ":AuthenticationContexts[1]:id", $"invalid authentication context id '{id}': use c1..c99");

    [Test]
    public void An_invalid_context_id_given_twice_is_reported_as_invalid_each_time_and_not_as_a_duplicate()
    {
        var result = Validate(o => o.AuthenticationContexts.AddRange([new() { Id = "ctx" }, new() { Id = "ctx" }]));

        result.Errors.Select(e => (e.Code, e.Path)).Should().Equal(
            (IssueCodes.InvalidContextId, Root + ":AuthenticationContexts[1]:id"),
            (IssueCodes.InvalidContextId, Root + ":AuthenticationContexts[2]:id"));
    }

    [Test]
    public void Lists_left_null_by_the_binder_count_as_empty()
    {
        var o = Fixtures.Seed();
        o.AuthenticationStrengthPolicies = null!;
        o.NamedLocations = null!;

        ProtectedActionsConfiguration.Validate(o).IsValid.Should().BeTrue();
        o.AuthenticationStrengthPolicies.Should().BeNull("validation never writes to the caller's options");
    }

    [Test]
    public void An_empty_authentication_strength_entry_needs_an_id() =>
        OnlyError(Validate(o => o.AuthenticationStrengthPolicies.Add(null!)), IssueCodes.MissingStrengthId,
            Root + ":AuthenticationStrengthPolicies[0]:id", "an authentication strength needs an id");

    [TestCase(null)]
    [TestCase("")]
    [TestCase("  ")]
    public void An_authentication_strength_with_a_blank_id_needs_an_id(string? id) =>
        OnlyError(Validate(o => o.AuthenticationStrengthPolicies.Add(Strength(id, combinations: ["fido2"]))), IssueCodes.MissingStrengthId,
            Root + ":AuthenticationStrengthPolicies[0]:id", "an authentication strength needs an id");

    [TestCase(KnownAuthenticationStrengths.Multifactor)]
    [TestCase(KnownAuthenticationStrengths.PhishingResistantMfa)]
    public void A_configured_copy_of_a_built_in_strength_is_ignored_with_a_note(string id)
    {
        // A Graph export lists the built-ins too, with policyType builtIn: the copy is noted and ignored, never compiled.
        var result = Validate(o => o.AuthenticationStrengthPolicies.Add(Strength(id.ToUpperInvariant(), "builtIn", ["fido2"])));

        result.IsValid.Should().BeTrue("errors were: " + string.Join(" | ", result.Errors));
        result.Issues.Should().ContainSingle(i => i.Code == IssueCodes.BuiltInStrengthRedefined).Which.Should().Match<ConfigurationIssue>(i =>
            i.Severity == ConfigurationSeverity.Information && i.Path == Root + ":AuthenticationStrengthPolicies[0]:id"
            && i.Message == $"built-in authentication strength '{id.ToUpperInvariant()}' is always present; the configured copy is ignored");
    }

    [TestCase("builtIn")]
    [TestCase("BUILTIN")]
    public void A_custom_id_claiming_to_be_built_in_is_refused(string policyType) =>
        OnlyError(Validate(o => o.AuthenticationStrengthPolicies.Add(Strength("contoso-keys", policyType))), IssueCodes.NotABuiltInStrength,
            Root + ":AuthenticationStrengthPolicies[0]:policyType", "'contoso-keys' is not a built-in authentication strength id");

    [TestCase(true)]
    [TestCase(false)]
    public void A_custom_strength_needs_an_allowed_combination(bool listMissing) =>
        OnlyError(Validate(o => o.AuthenticationStrengthPolicies.Add(Strength("contoso-keys", combinations: listMissing ? null : []))),
            IssueCodes.StrengthWithoutCombinations, Root + ":AuthenticationStrengthPolicies[0]:allowedCombinations",
            "an authentication strength needs at least one allowed combination");

    [Test]
    public void An_unknown_mode_in_a_combination_lists_the_allowed_modes_in_order() =>
        OnlyError(Validate(o => o.AuthenticationStrengthPolicies.Add(Strength("contoso-keys", combinations: ["fido2", "password,yubikey"]))),
            IssueCodes.UnknownMethodModeInCombination, Root + ":AuthenticationStrengthPolicies[0]:allowedCombinations[1]",
            "unknown authentication method mode 'yubikey' (allowed: deviceBasedPush, email, federatedMultiFactor, federatedSingleFactor, fido2, "
            + "hardwareOath, microsoftAuthenticatorPush, password, qrCodePin, sms, softwareOath, temporaryAccessPassMultiUse, "
            + "temporaryAccessPassOneTime, voice, windowsHelloForBusiness, x509CertificateMultiFactor, x509CertificateSingleFactor)");

    [Test]
    public void A_strength_defined_twice_ignoring_case_is_refused() =>
        OnlyError(Validate(o => o.AuthenticationStrengthPolicies.AddRange([Strength("Contoso-Keys", combinations: ["fido2"]), Strength("contoso-keys", combinations: ["fido2"])])),
            IssueCodes.DuplicateStrength, Root + ":AuthenticationStrengthPolicies[1]:id", "authentication strength 'contoso-keys' is defined twice");

    [Test]
    public void More_named_locations_than_Entra_allows_are_a_warning()
    {
        var at195 = Validate(o => o.NamedLocations = [.. Enumerable.Range(0, 195).Select(i => Location($"loc{i}", $"10.0.{i}.0/24"))]);
        var at196 = Validate(o => o.NamedLocations = [.. Enumerable.Range(0, 196).Select(i => Location($"loc{i}", $"10.0.{i}.0/24"))]);

        at195.Issues.Should().NotContain(i => i.Code == IssueCodes.TooManyLocationsForEntra);
        at196.IsValid.Should().BeTrue();
        at196.Issues.Should().ContainSingle(i => i.Code == IssueCodes.TooManyLocationsForEntra).Which.Should().Match<ConfigurationIssue>(i =>
            i.Severity == ConfigurationSeverity.Warning && i.Path == Root + ":NamedLocations"
            && i.Message == "has 196 named locations; Entra allows at most 195, so this configuration cannot be mirrored in Entra");
    }

    [TestCase(null, false)]
    [TestCase(null, true)]
    [TestCase("", true)]
    [TestCase(" ", true)]
    public void A_named_location_needs_an_id(string? id, bool entryPresent) =>
        OnlyError(Validate(o => o.NamedLocations.Add(entryPresent ? Location(id) : null!)), IssueCodes.MissingNamedLocationId,
            Root + ":NamedLocations[0]:id", "a named location needs an id");

    [Test]
    public void A_named_location_defined_twice_ignoring_case_is_refused() =>
        OnlyError(Validate(o => o.NamedLocations.AddRange([Location("Office"), Location("OFFICE", "198.51.100.0/24")])), IssueCodes.DuplicateNamedLocation,
            Root + ":NamedLocations[1]:id", "named location 'OFFICE' is defined twice");

    [Test]
    public void An_invalid_named_location_defined_twice_is_reported_as_a_duplicate_the_second_time()
    {
        var result = Validate(o => o.NamedLocations.AddRange([Location("office", "not-an-address"), Location("office", "not-an-address")]));

        result.Errors.Should().Contain(e => e.Path.StartsWith(Root + ":NamedLocations[0]", StringComparison.Ordinal));
        result.Errors.Where(e => e.Path.StartsWith(Root + ":NamedLocations[1]", StringComparison.Ordinal)).Should().ContainSingle()
            .Which.Should().Match<ConfigurationIssue>(e => e.Code == IssueCodes.DuplicateNamedLocation && e.Path == Root + ":NamedLocations[1]:id"
                && e.Message == "named location 'office' is defined twice");
    }

    [Test]
    public void An_empty_policy_entry_is_reported_at_its_index() =>
        OnlyError(Validate(o => o.ConditionalAccessPolicies.Add(null!)), IssueCodes.EmptyEntry, Root + ":ConditionalAccessPolicies[1]", "entry is empty");

    [Test]
    public void A_policy_without_an_id_is_named_by_its_display_name_and_then_by_its_position()
    {
        var o = Fixtures.Seed();
        o.ConditionalAccessPolicies[0].Id = null;
        Fixtures.Evaluate(o, Fixtures.Fido2()).Policies.Should().ContainSingle().Which.Id.Should().Be("Policy p1");

        o.ConditionalAccessPolicies[0].DisplayName = null;
        Fixtures.Evaluate(o, Fixtures.Fido2()).Policies.Should().ContainSingle().Which.Id.Should().Be("policy[0]");
    }

    [Test]
    public void A_policy_without_an_applications_condition_targets_no_context()
    {
        var result = Validate(o =>
        {
            var p = Fixtures.Policy("p2", "c1", controls: ["mfa"]);
            p.Conditions!.Applications = null;
            o.ConditionalAccessPolicies.Add(p);
        });

        result.Issues.Should().NotContain(i => i.Code == IssueCodes.UnknownPolicyContext);
        var o2 = Fixtures.Seed();
        o2.ConditionalAccessPolicies.Add(Fixtures.Policy("p2", "c1", controls: ["block"]));
        o2.ConditionalAccessPolicies[1].Conditions!.Applications = null;
        Fixtures.Evaluate(o2, Fixtures.Fido2()).Outcome.Should().Be(ProtectedActionOutcome.Allowed, "the blocking policy targets no context");
    }

    [Test]
    public void An_empty_protected_action_entry_is_reported_at_its_index() =>
        OnlyError(Validate(o => o.ProtectedActions.Add(null!)), IssueCodes.EmptyEntry, Root + ":ProtectedActions[3]", "entry is empty");

    [Test]
    public void An_invalid_permission_is_reported_alone_even_when_its_context_is_unknown_too() =>
        OnlyError(Validate(o => o.ProtectedActions.Add(new() { Permission = "contoso/approve", AuthenticationContextId = "c7" })), IssueCodes.InvalidPermission,
            Root + ":ProtectedActions[3]:permission", "invalid permission 'contoso/approve': use namespace/entity[/property]/verb, or a prefix ending in /*");

    [TestCase("ctx", "ctx")]
    [TestCase("c0", "c0")]
    [TestCase(null, "")]
    public void An_assignment_to_a_malformed_context_id_says_how_ids_look(string? id, string shown) =>
        OnlyError(Validate(o => o.ProtectedActions.Add(new() { Permission = "contoso.billing/invoices/approve", AuthenticationContextId = id })),
            IssueCodes.UnknownAssignmentContext, Root + ":ProtectedActions[3]:authenticationContextId", $"invalid authentication context id '{shown}': use c1..c99");

    [Test]
    public void An_unknown_amr_mapping_mode_is_reported_under_settings_amrMappings()
    {
        var result = Validate(o => o.Settings.AmrMappings["hwk"] = "yubikey");

        result.Errors.Should().ContainSingle().Which.Should().Match<ConfigurationIssue>(i => i.Code == AmrTable.UnknownMethodModeCode
            && i.Path == Root + ":Settings:amrMappings:hwk" && i.Message.StartsWith("'yubikey' is not an authentication method mode", StringComparison.Ordinal));
    }

    [Test]
    public void A_context_with_one_frequency_policy_among_others_still_needs_auth_time_from_every_issuer()
    {
        // c1: p1 has a one-hour sign-in frequency, p2 has none. An issuer whose tokens carry no auth_time can never prove p1.
        var result = Validate(o =>
        {
            o.ConditionalAccessPolicies.Add(Fixtures.Policy("p2", "c1", controls: ["mfa"]));
            o.Settings.Issuers = [new() { Issuer = "https://login.microsoftonline.com/0d5f3c1e-6a2b-4c7d-9e8f-1a2b3c4d5e6f/v2.0", Profile = IssuerProfiles.Entra, AuthTime = false }];
        });

        result.Issues.Should().ContainSingle(i => i.Code == IssueCodes.SignInFrequencyWithoutAuthTime).Which.Should().Match<ConfigurationIssue>(i =>
            i.Severity == ConfigurationSeverity.Warning && i.Path == Root + ":Settings:issuers[0]:authTime"
            && i.Message.Contains("the sign-in frequency of c1 ", StringComparison.Ordinal));
    }

    private static readonly object[] ClockSkews = [TimeSpan.Zero, TimeSpan.FromHours(1), TimeSpan.FromMinutes(5)];
    private static readonly object[] BadClockSkews = [TimeSpan.FromTicks(-1), TimeSpan.FromHours(1) + TimeSpan.FromTicks(1)];
    private static readonly object[] ProviderTimeouts = [TimeSpan.FromTicks(1), TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(3)];
    private static readonly object[] BadProviderTimeouts = [TimeSpan.Zero, TimeSpan.FromSeconds(-1), TimeSpan.FromMinutes(2) + TimeSpan.FromTicks(1), TimeSpan.FromMinutes(3)];

    [TestCaseSource(nameof(ClockSkews))]
    public void A_clock_skew_from_zero_to_one_hour_is_accepted(TimeSpan skew) =>
        Validate(o => o.Settings.ClockSkew = skew).IsValid.Should().BeTrue();

    [TestCaseSource(nameof(BadClockSkews))]
    public void A_clock_skew_outside_zero_to_one_hour_is_refused(TimeSpan skew) =>
        OnlyError(Validate(o => o.Settings.ClockSkew = skew), IssueCodes.InvalidClockSkew, Root + ":Settings:clockSkew", "clock skew must be between 0 and 1 hour");

    [TestCaseSource(nameof(ProviderTimeouts))]
    public void A_provider_timeout_above_zero_up_to_two_minutes_is_accepted(TimeSpan timeout) =>
        Validate(o => o.Settings.ProviderTimeout = timeout).IsValid.Should().BeTrue();

    [TestCaseSource(nameof(BadProviderTimeouts))]
    public void A_provider_timeout_of_zero_or_above_two_minutes_is_refused(TimeSpan timeout) =>
        OnlyError(Validate(o => o.Settings.ProviderTimeout = timeout), IssueCodes.InvalidProviderTimeout, Root + ":Settings:providerTimeout",
            "provider timeout must be more than 0 and at most 2 minutes");
}
