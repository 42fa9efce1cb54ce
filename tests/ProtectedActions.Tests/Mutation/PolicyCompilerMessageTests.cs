using ProtectedActions.Tests.Support;

namespace ProtectedActions.Tests.Mutation;

/// <summary>
/// Each validation message the policy compiler writes, with its exact configuration path and text: a policy author
/// reads these to fix a document, so a changed path or a lost "allowed: ..." list is a regression.
/// </summary>
public class PolicyCompilerMessageTests
{
    private const string At = "ProtectedActions:ConditionalAccessPolicies[1]";

    /// <summary>The seed with a second policy <c>x</c> (index 1) requiring MFA, changed by <paramref name="change"/>.</summary>
    private static ConfigurationValidationResult Validate(Action<ConditionalAccessPolicy> change, Action<ProtectedActionsOptions>? options = null)
    {
        var o = Fixtures.Seed();
        var policy = Fixtures.Policy("x", "c1", controls: ["mfa"]);
        change(policy);
        o.ConditionalAccessPolicies.Add(policy);
        options?.Invoke(o);
        return ProtectedActionsConfiguration.Validate(o);
    }

    private static void ShouldReport(ConfigurationValidationResult result, ConfigurationSeverity severity, string code, string path, string message)
    {
        result.Issues.Should().ContainSingle(i => i.Code == code, "the configuration has exactly this one problem of that kind")
            .Which.Should().Match<ConfigurationIssue>(i => i.Severity == severity && i.Path == path && i.Message == message,
                "{0}: {1} is expected", path, message);
    }

    private static void Error(Action<ConditionalAccessPolicy> change, string code, string path, string message)
    {
        var result = Validate(change);
        result.IsValid.Should().BeFalse();
        ShouldReport(result, ConfigurationSeverity.Error, code, path, message);
    }

    [Test]
    public void Unknown_state() =>
        Error(p => p.State = "on", IssueCodes.UnknownPolicyState, At + ":state",
            "unknown state 'on' (allowed: enabled, disabled, enabledForReportingButNotEnforced)");

    [TestCase(" Enabled ")]
    [TestCase("DISABLED")]
    [TestCase("enabledForReportingButNotEnforced")]
    public void States_are_read_ignoring_case_and_spaces(string state) =>
        Validate(p => p.State = state).Issues.Should().NotContain(i => i.Code == IssueCodes.UnknownPolicyState);

    [Test]
    public void Missing_users_condition() =>
        Error(p => p.Conditions!.Users = null, IssueCodes.MissingUsersCondition, At + ":conditions:users",
            "a policy must say which users it includes (conditions.users)");

    [Test]
    public void None_with_other_users() =>
        Error(p => p.Conditions!.Users!.IncludeUsers = ["None", Fixtures.Alice], IssueCodes.NoneCombinedWithUsers,
            At + ":conditions:users:includeUsers", "'None' cannot be combined with other users");

    [Test]
    public void None_alone_is_valid() =>
        Validate(p => p.Conditions!.Users!.IncludeUsers = ["None"]).Errors.Should().BeEmpty();

    [Test]
    public void Empty_id() =>
        Error(p => p.Conditions!.Users!.IncludeGroups = ["g1", " "], IssueCodes.InvalidUserOrGroupEntry,
            At + ":conditions:users:includeGroups[1]", "an id must not be empty");

    [Test]
    public void All_outside_include_users() =>
        Error(p => p.Conditions!.Users!.ExcludeUsers = ["All"], IssueCodes.InvalidUserOrGroupEntry,
            At + ":conditions:users:excludeUsers[0]", "'All' is only allowed in includeUsers");

    [Test]
    public void A_list_longer_than_the_limit()
    {
        var ids = Enumerable.Range(0, 10_001).Select(i => "g" + i).ToList();
        Error(p => p.Conditions!.Users!.ExcludeGroups = ids, IssueCodes.ListTooLong, At + ":conditions:users:excludeGroups", "more than 10000 entries");
    }

    [Test]
    public void A_list_at_the_limit_is_valid()
    {
        var ids = Enumerable.Range(0, 10_000).Select(i => "g" + i).ToList();
        Validate(p => p.Conditions!.Users!.ExcludeGroups = ids).Errors.Should().BeEmpty();
    }

    [Test]
    public void Unknown_guest_type() =>
        Error(p => p.Conditions!.Users!.IncludeGuestsOrExternalUsers = new() { GuestOrExternalUserTypes = "internalGuest,robot" },
            IssueCodes.InvalidGuestOrExternalUsers, At + ":conditions:users:includeGuestsOrExternalUsers:guestOrExternalUserTypes",
            "unknown guest or external user type 'robot' (allowed: internalGuest, b2bCollaborationGuest, b2bCollaborationMember, b2bDirectConnectUser, otherExternalUser, serviceProvider)");

    [Test]
    public void No_guest_type() =>
        Error(p => p.Conditions!.Users!.ExcludeGuestsOrExternalUsers = new() { GuestOrExternalUserTypes = " , " },
            IssueCodes.InvalidGuestOrExternalUsers, At + ":conditions:users:excludeGuestsOrExternalUsers:guestOrExternalUserTypes",
            "at least one guest or external user type is required");

    [Test]
    public void Unknown_membership_kind() =>
        Error(p => p.Conditions!.Users!.IncludeGuestsOrExternalUsers = new()
        {
            GuestOrExternalUserTypes = "b2bCollaborationGuest",
            ExternalTenants = new() { MembershipKind = "some" },
        }, IssueCodes.InvalidGuestOrExternalUsers, At + ":conditions:users:includeGuestsOrExternalUsers:externalTenants:membershipKind",
            "unknown membership kind 'some' (allowed: all, enumerated)");

    [Test]
    public void Platform_exclusions_without_inclusions() =>
        Error(p => p.Conditions!.Platforms = new() { ExcludePlatforms = ["android"] }, IssueCodes.InvalidPlatform,
            At + ":conditions:platforms:includePlatforms", "a platform condition with exclusions needs includePlatforms");

    [Test]
    public void Unknown_included_platform_lists_all_as_allowed() =>
        Error(p => p.Conditions!.Platforms = new() { IncludePlatforms = ["android", "beos"] }, IssueCodes.InvalidPlatform,
            At + ":conditions:platforms:includePlatforms[1]", "unknown platform 'beos' (allowed: android, iOS, windows, windowsPhone, macOS, linux, all)");

    [Test]
    public void Unknown_excluded_platform_does_not_list_all() =>
        Error(p => p.Conditions!.Platforms = new() { IncludePlatforms = ["All"], ExcludePlatforms = ["beos"] }, IssueCodes.InvalidPlatform,
            At + ":conditions:platforms:excludePlatforms[0]", "unknown platform 'beos' (allowed: android, iOS, windows, windowsPhone, macOS, linux)");

    [Test]
    public void All_in_excluded_platforms_is_not_all() =>
        Error(p => p.Conditions!.Platforms = new() { IncludePlatforms = ["android"], ExcludePlatforms = ["all"] }, IssueCodes.InvalidPlatform,
            At + ":conditions:platforms:excludePlatforms[0]", "unknown platform 'all' (allowed: android, iOS, windows, windowsPhone, macOS, linux)");

    [Test]
    public void Location_exclusions_without_inclusions() =>
        Error(p => p.Conditions!.Locations = new() { ExcludeLocations = ["AllTrusted"] }, IssueCodes.InvalidLocationCondition,
            At + ":conditions:locations:includeLocations", "a location condition with exclusions needs includeLocations");

    [Test]
    public void All_in_excluded_locations() =>
        Error(p => p.Conditions!.Locations = new() { IncludeLocations = ["All"], ExcludeLocations = ["AllTrusted", "all"] },
            IssueCodes.InvalidLocationCondition, At + ":conditions:locations:excludeLocations[1]", "'All' is only allowed in includeLocations");

    [Test]
    public void Unknown_named_location() =>
        Error(p => p.Conditions!.Locations = new() { IncludeLocations = ["nowhere"] }, IssueCodes.UnknownNamedLocation,
            At + ":conditions:locations:includeLocations[0]", "unknown named location 'nowhere'");

    [Test]
    public void The_mfa_trusted_ips_location_is_a_warning_with_its_path()
    {
        var result = Validate(p => p.Conditions!.Locations = new() { IncludeLocations = ["All"], ExcludeLocations = ["00000000-0000-0000-0000-000000000000"] });

        result.IsValid.Should().BeTrue();
        ShouldReport(result, ConfigurationSeverity.Warning, IssueCodes.MfaTrustedIpsNotEvaluable, At + ":conditions:locations:excludeLocations[0]",
            "the MFA trusted IPs location cannot be evaluated here; configure a named location with this id and its ranges, otherwise the condition is treated as unknown");
    }

    [Test]
    public void Unknown_client_app_type() =>
        Error(p => p.Conditions!.ClientAppTypes = ["browser", "fax"], IssueCodes.UnknownClientAppType, At + ":conditions:clientAppTypes[1]",
            "unknown client app type 'fax' (allowed: all, browser, mobileAppsAndDesktopClients, exchangeActiveSync, easSupported, other)");

    [TestCase("signIn")]
    [TestCase("user")]
    public void Unknown_risk_level(string kind) =>
        Error(p =>
        {
            if (kind == "user")
            {
                p.Conditions!.UserRiskLevels = ["low", "extreme"];
            }
            else
            {
                p.Conditions!.SignInRiskLevels = ["low", "extreme"];
            }
        }, IssueCodes.UnknownRiskLevel, At + $":conditions:{kind}RiskLevels[1]", "unknown risk level 'extreme' (allowed: none, low, medium, high, hidden)");

    [Test]
    public void Unknown_operator() =>
        Error(p => p.GrantControls!.Operator = "XOR", IssueCodes.UnknownGrantOperator, At + ":grantControls:operator",
            "unknown operator 'XOR' (allowed: AND, OR; absent means AND)");

    [TestCase("and")]
    [TestCase("Or")]
    [TestCase(null)]
    public void Known_operators_are_valid(string? op) =>
        Validate(p => p.GrantControls!.Operator = op).Errors.Should().BeEmpty();

    [Test]
    public void Unknown_built_in_control() =>
        Error(p => p.GrantControls!.BuiltInControls = ["mfa", "retinaScan"], IssueCodes.UnknownBuiltInControl, At + ":grantControls:builtInControls[1]",
            "unknown built-in control 'retinaScan' (allowed: block, mfa, compliantDevice, domainJoinedDevice, approvedApplication, compliantApplication, passwordChange, riskRemediation)");

    [Test]
    public void Unknown_strength() =>
        Error(p => p.GrantControls = new() { AuthenticationStrength = new() { Id = "no-such-strength" } }, IssueCodes.UnknownAuthenticationStrength,
            At + ":grantControls:authenticationStrength:id", "unknown strength 'no-such-strength'");

    [Test]
    public void A_strength_named_only_by_display_name_is_unknown() =>
        Error(p => p.GrantControls = new() { AuthenticationStrength = new() { DisplayName = "Strong" } }, IssueCodes.UnknownAuthenticationStrength,
            At + ":grantControls:authenticationStrength:id", "unknown strength ''");

    [Test]
    public void Mfa_with_a_strength() =>
        Error(p => p.GrantControls = new() { BuiltInControls = ["mfa"], AuthenticationStrength = new() { Id = Fixtures.Multifactor } },
            IssueCodes.MfaWithAuthenticationStrength, At + ":grantControls:builtInControls", "'mfa' cannot be combined with an authentication strength in one policy");

    [TestCase("mfa")]
    [TestCase("compliantDevice")]
    public void Block_with_another_control(string other) =>
        Error(p => p.GrantControls!.BuiltInControls = ["block", other], IssueCodes.BlockWithOtherControls, At + ":grantControls:builtInControls",
            "'block' cannot be combined with other grant controls");

    [Test]
    public void Block_with_terms_of_use() =>
        Error(p => p.GrantControls = new() { BuiltInControls = ["block"], TermsOfUse = ["tou"] }, IssueCodes.BlockWithOtherControls,
            At + ":grantControls:builtInControls", "'block' cannot be combined with other grant controls");

    [Test]
    public void Unknown_method_mode_in_an_embedded_strength() =>
        Error(p => p.GrantControls = new()
        {
            AuthenticationStrength = new() { Id = "embedded", AllowedCombinations = ["fido2", "password,carrierPigeon"] },
        }, IssueCodes.UnknownMethodModeInCombination, At + ":grantControls:authenticationStrength:allowedCombinations[1]",
            "unknown authentication method mode 'carrierPigeon'");

    [Test]
    public void Unknown_frequency_interval() =>
        Error(p => p.SessionControls = new() { SignInFrequency = new() { IsEnabled = true, FrequencyInterval = "monthly", Value = 1, Type = "hours" } },
            IssueCodes.UnknownFrequencyInterval, At + ":sessionControls:signInFrequency:frequencyInterval",
            "unknown frequency interval 'monthly' (allowed: timeBased, everyTime)");

    [TestCase(0, "hours")]
    [TestCase(24, "hours")]
    [TestCase(0, "days")]
    [TestCase(366, "days")]
    [TestCase(1, "weeks")]
    public void Invalid_sign_in_frequency(int value, string type) =>
        Error(p => p.SessionControls = new() { SignInFrequency = new() { IsEnabled = true, Value = value, Type = type } },
            IssueCodes.InvalidSignInFrequency, At + ":sessionControls:signInFrequency",
            $"invalid sign-in frequency {value} '{type}' (allowed: 1-23 hours or 1-365 days)");

    [TestCase(1, "hours")]
    [TestCase(23, "Hours")]
    [TestCase(1, "days")]
    [TestCase(365, "DAYS")]
    public void Sign_in_frequency_bounds_are_valid(int value, string type) =>
        Validate(p => p.SessionControls = new() { SignInFrequency = new() { IsEnabled = true, Value = value, Type = type } }).Errors.Should().BeEmpty();

    [Test]
    public void A_disabled_frequency_is_not_checked() =>
        Validate(p => p.SessionControls = new() { SignInFrequency = new() { IsEnabled = false, Value = 99, Type = "weeks" } }).Errors.Should().BeEmpty();

    [TestCase("enabled", "enabled")]
    [TestCase("enabledForReportingButNotEnforced", "report-only")]
    public void A_policy_without_controls_is_an_error(string state, string word) =>
        Error(p => { p.State = state; p.GrantControls = null; p.SessionControls = null; }, IssueCodes.PolicyWithoutControls, At,
            $"this {word} policy has no grant and no session controls, so it never applies: grantControls or sessionControls missing (misspelt?)");

    [Test]
    public void A_disabled_policy_without_controls_is_a_warning()
    {
        var result = Validate(p => { p.State = "disabled"; p.GrantControls = null; p.SessionControls = null; });

        result.IsValid.Should().BeTrue();
        ShouldReport(result, ConfigurationSeverity.Warning, IssueCodes.DisabledPolicyWithoutControls, At,
            "this disabled policy has no grant and no session controls, so it would never apply if enabled: grantControls or sessionControls missing (misspelt?)");
    }

    [Test]
    public void A_policy_with_only_session_controls_ProtectedActions_does_not_evaluate_is_a_warning()
    {
        var result = Validate(p => { p.GrantControls = null; p.SessionControls = new(); });

        result.IsValid.Should().BeTrue();
        ShouldReport(result, ConfigurationSeverity.Warning, IssueCodes.NoEvaluatedControls, At + ":sessionControls",
            "this policy has no grant control and no session control that ProtectedActions evaluates (only sign-in frequency is), so it never applies here");
    }

    [Test]
    public void A_policy_with_other_errors_is_not_also_reported_for_missing_controls()
    {
        var result = Validate(p => { p.State = "on"; p.GrantControls = null; p.SessionControls = null; });

        result.Issues.Should().Contain(i => i.Code == IssueCodes.UnknownPolicyState);
        result.Issues.Should().NotContain(i => i.Code == IssueCodes.PolicyWithoutControls || i.Code == IssueCodes.DisabledPolicyWithoutControls);
    }

    [Test]
    public void Empty_id_in_included_users() =>
        Error(p => p.Conditions!.Users!.IncludeUsers = ["All", ""], IssueCodes.InvalidUserOrGroupEntry,
            At + ":conditions:users:includeUsers[1]", "an id must not be empty");

    [TestCase("includeGroups")]
    [TestCase("excludeGroups")]
    [TestCase("includeRoles")]
    [TestCase("excludeRoles")]
    public void All_in_group_and_role_lists(string list) =>
        Error(p =>
        {
            var u = p.Conditions!.Users!;
            List<string> values = ["x1", "All"];
            switch (list)
            {
                case "includeGroups": u.IncludeGroups = values; break;
                case "excludeGroups": u.ExcludeGroups = values; break;
                case "includeRoles": u.IncludeRoles = values; break;
                default: u.ExcludeRoles = values; break;
            }
        }, IssueCodes.InvalidUserOrGroupEntry, $"{At}:conditions:users:{list}[1]", "'All' is only allowed in includeUsers");

    [Test]
    public void Guest_types_missing_altogether() =>
        Error(p => p.Conditions!.Users!.IncludeGuestsOrExternalUsers = new() { GuestOrExternalUserTypes = null },
            IssueCodes.InvalidGuestOrExternalUsers, At + ":conditions:users:includeGuestsOrExternalUsers:guestOrExternalUserTypes",
            "at least one guest or external user type is required");

    [TestCase("none")]
    [TestCase("2")]
    public void Guest_type_none_or_a_number_is_unknown(string raw)
    {
        var result = Validate(p => p.Conditions!.Users!.IncludeGuestsOrExternalUsers = new() { GuestOrExternalUserTypes = "internalGuest," + raw });

        result.IsValid.Should().BeFalse();
        ShouldReport(result, ConfigurationSeverity.Error, IssueCodes.InvalidGuestOrExternalUsers,
            At + ":conditions:users:includeGuestsOrExternalUsers:guestOrExternalUserTypes",
            $"unknown guest or external user type '{raw}' (allowed: internalGuest, b2bCollaborationGuest, b2bCollaborationMember, b2bDirectConnectUser, otherExternalUser, serviceProvider)");
    }

    [TestCase("include")]
    [TestCase("exclude")]
    public void A_device_filter_with_a_mode_and_no_rule(string mode) =>
        Error(p => p.Conditions!.Devices = new() { DeviceFilter = new() { Mode = mode, Rule = "" } }, IssueCodes.DeviceFilterRuleMissing,
            At + ":conditions:devices:deviceFilter:rule", "rule is required");

    [Test]
    public void An_empty_combination_configuration_in_an_embedded_strength_is_reported_once()
    {
        var result = Validate(p => p.GrantControls = new()
        {
            AuthenticationStrength = new() { Id = "embedded", AllowedCombinations = ["fido2"], CombinationConfigurations = [null!] },
        });

        result.IsValid.Should().BeFalse();
        ShouldReport(result, ConfigurationSeverity.Error, IssueCodes.InvalidCombinationConfiguration,
            At + ":grantControls:authenticationStrength:combinationConfigurations[0]", "entry is empty");
        result.Issues.Should().NotContain(i => i.Code == IssueCodes.PolicyWithoutControls,
            "the policy failed for its strength, not for lacking controls");
    }

    [Test]
    public void A_device_filter_rule_without_a_mode() =>
        Error(p => p.Conditions!.Devices = new() { DeviceFilter = new() { Rule = "device.isCompliant -eq True" } }, IssueCodes.DeviceFilterModeMissing,
            At + ":conditions:devices:deviceFilter:mode", "mode is required: include or exclude");
}
