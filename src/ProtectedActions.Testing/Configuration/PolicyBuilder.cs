namespace ProtectedActions.Testing;

/// <summary>
/// Builds one Conditional Access policy (Graph <c>conditionalAccessPolicy</c> shape) fluently, for
/// <see cref="ProtectedActionsConfigurationBuilder.AddPolicy"/>. The policy is enabled unless told otherwise;
/// grant controls combine with <c>OR</c> unless <see cref="RequireAllControls"/> is called, as in Graph.
/// </summary>
/// <remarks>
/// The builder writes what it is told in Graph's spelling and does not validate: a configuration that is
/// wrong (for example <c>mfa</c> together with an authentication strength) is reported by
/// <see cref="ProtectedActionsConfiguration.Validate"/> and refused by <see cref="ProtectedActionsConfigurationBuilder.BuildEvaluator"/>,
/// exactly as in production.
/// </remarks>
public sealed class PolicyBuilder
{
    private readonly ConditionalAccessPolicy _policy;

    internal PolicyBuilder(string id)
    {
        _policy = new ConditionalAccessPolicy
        {
            Id = id,
            DisplayName = id,
            State = "enabled",
            Conditions = new ConditionalAccessConditions
            {
                Applications = new ConditionalAccessApplications { IncludeAuthenticationContextClassReferences = [] },
                Users = new ConditionalAccessUsers(),
            },
        };
    }

    private ConditionalAccessConditions Conditions => _policy.Conditions!;
    private ConditionalAccessUsers Users => Conditions.Users!;
    private ConditionalAccessGrantControls Grant => _policy.GrantControls ??= new ConditionalAccessGrantControls { Operator = "OR" };

    // --- what it guards ---

    /// <summary>Targets the policy at authentication contexts (<c>includeAuthenticationContextClassReferences</c>).</summary>
    /// <param name="contextIds">The context ids, for example <c>c1</c>.</param>
    public PolicyBuilder ForContext(params string[] contextIds) =>
        AddTo(Conditions.Applications!.IncludeAuthenticationContextClassReferences!, contextIds);

    /// <summary>Sets the display name (default: the id).</summary>
    /// <param name="displayName">The display name.</param>
    public PolicyBuilder Named(string displayName)
    {
        ArgumentException.ThrowIfNullOrEmpty(displayName);
        _policy.DisplayName = displayName;
        return this;
    }

    /// <summary>Enforces the policy (<c>enabled</c>, the default).</summary>
    public PolicyBuilder Enabled() => State("enabled");

    /// <summary>Turns the policy off (<c>disabled</c>).</summary>
    public PolicyBuilder Disabled() => State("disabled");

    /// <summary>Makes the policy report-only (<c>enabledForReportingButNotEnforced</c>): evaluated and reported, never enforced.</summary>
    public PolicyBuilder ReportOnly() => State("enabledForReportingButNotEnforced");

    // --- who ---

    /// <summary>Includes every user (<c>includeUsers: ["All"]</c>).</summary>
    public PolicyBuilder IncludeAllUsers() => AddTo(Users.IncludeUsers ??= [], ["All"]);

    /// <summary>Includes users by object id.</summary>
    /// <param name="userIds">The user ids.</param>
    public PolicyBuilder IncludeUsers(params string[] userIds) => AddTo(Users.IncludeUsers ??= [], userIds);

    /// <summary>Excludes users by object id (an exclusion always beats an inclusion).</summary>
    /// <param name="userIds">The user ids, for example the emergency-access account.</param>
    public PolicyBuilder Exclude(params string[] userIds) => AddTo(Users.ExcludeUsers ??= [], userIds);

    /// <summary>Includes guests and external users (<c>includeUsers: ["GuestsOrExternalUsers"]</c>).</summary>
    public PolicyBuilder IncludeGuestsOrExternalUsers() => AddTo(Users.IncludeUsers ??= [], ["GuestsOrExternalUsers"]);

    /// <summary>Excludes guests and external users (<c>excludeUsers: ["GuestsOrExternalUsers"]</c>).</summary>
    public PolicyBuilder ExcludeGuestsOrExternalUsers() => AddTo(Users.ExcludeUsers ??= [], ["GuestsOrExternalUsers"]);

    /// <summary>Includes members of groups.</summary>
    /// <param name="groupIds">The group ids.</param>
    public PolicyBuilder IncludeGroups(params string[] groupIds) => AddTo(Users.IncludeGroups ??= [], groupIds);

    /// <summary>Excludes members of groups.</summary>
    /// <param name="groupIds">The group ids.</param>
    public PolicyBuilder ExcludeGroups(params string[] groupIds) => AddTo(Users.ExcludeGroups ??= [], groupIds);

    /// <summary>Includes holders of directory roles.</summary>
    /// <param name="roleTemplateIds">The role template ids.</param>
    public PolicyBuilder IncludeRoles(params string[] roleTemplateIds) => AddTo(Users.IncludeRoles ??= [], roleTemplateIds);

    /// <summary>Excludes holders of directory roles.</summary>
    /// <param name="roleTemplateIds">The role template ids.</param>
    public PolicyBuilder ExcludeRoles(params string[] roleTemplateIds) => AddTo(Users.ExcludeRoles ??= [], roleTemplateIds);

    // --- other conditions ---

    /// <summary>Applies only on these platforms (<c>includePlatforms</c>).</summary>
    /// <param name="platforms">The platforms.</param>
    public PolicyBuilder ForPlatforms(params DevicePlatform[] platforms) =>
        AddTo((Conditions.Platforms ??= new()).IncludePlatforms ??= [], Wire(platforms));

    /// <summary>Applies on every platform but these (<c>includePlatforms: ["all"]</c> and <c>excludePlatforms</c>).</summary>
    /// <param name="platforms">The excluded platforms.</param>
    public PolicyBuilder ExceptPlatforms(params DevicePlatform[] platforms)
    {
        var condition = Conditions.Platforms ??= new();
        if (condition.IncludePlatforms is not { Count: > 0 })
        {
            condition.IncludePlatforms = ["all"];
        }

        return AddTo(condition.ExcludePlatforms ??= [], Wire(platforms));
    }

    /// <summary>Applies only from these named locations, or <c>All</c> / <c>AllTrusted</c> (<c>includeLocations</c>).</summary>
    /// <param name="locationIds">The named-location ids or keywords.</param>
    public PolicyBuilder FromLocations(params string[] locationIds) =>
        AddTo((Conditions.Locations ??= new()).IncludeLocations ??= [], locationIds);

    /// <summary>Does not apply from these named locations, or <c>AllTrusted</c> (<c>excludeLocations</c>). Includes <c>All</c> when nothing is included yet.</summary>
    /// <param name="locationIds">The named-location ids or keywords.</param>
    public PolicyBuilder ExceptLocations(params string[] locationIds)
    {
        var condition = Conditions.Locations ??= new();
        if (condition.IncludeLocations is not { Count: > 0 })
        {
            condition.IncludeLocations = ["All"];
        }

        return AddTo(condition.ExcludeLocations ??= [], locationIds);
    }

    /// <summary>Applies only to these client app types (<c>clientAppTypes</c>).</summary>
    /// <param name="clientAppTypes">The types.</param>
    public PolicyBuilder ForClientApps(params ClientAppType[] clientAppTypes) => AddTo(Conditions.ClientAppTypes ??= [], Wire(clientAppTypes));

    /// <summary>Applies only to devices matching <paramref name="rule"/> (device filter, mode <c>include</c>).</summary>
    /// <param name="rule">The rule, for example <c>device.isCompliant -eq False</c>.</param>
    public PolicyBuilder ForDevicesMatching(string rule) => DeviceFilter("include", rule);

    /// <summary>Applies to every device except those matching <paramref name="rule"/> (device filter, mode <c>exclude</c>).</summary>
    /// <param name="rule">The rule.</param>
    public PolicyBuilder ExceptDevicesMatching(string rule) => DeviceFilter("exclude", rule);

    /// <summary>Applies only at these sign-in risk levels.</summary>
    /// <param name="levels">The levels.</param>
    public PolicyBuilder ForSignInRisk(params RiskLevel[] levels) => AddTo(Conditions.SignInRiskLevels ??= [], Wire(levels));

    /// <summary>Applies only at these user risk levels.</summary>
    /// <param name="levels">The levels.</param>
    public PolicyBuilder ForUserRisk(params RiskLevel[] levels) => AddTo(Conditions.UserRiskLevels ??= [], Wire(levels));

    // --- grant and session controls ---

    /// <summary>Requires an authentication strength, for example <see cref="BuiltInStrengths.PhishingResistant"/> or a custom strength's id.</summary>
    /// <param name="strengthId">The strength id.</param>
    public PolicyBuilder RequireStrength(string strengthId)
    {
        ArgumentException.ThrowIfNullOrEmpty(strengthId);
        Grant.AuthenticationStrength = new AuthenticationStrengthReference { Id = strengthId };
        return this;
    }

    /// <summary>Requires the <c>mfa</c> built-in control.</summary>
    public PolicyBuilder RequireMfa() => Control("mfa");

    /// <summary>Requires a compliant device (<c>compliantDevice</c>).</summary>
    public PolicyBuilder RequireCompliantDevice() => Control("compliantDevice");

    /// <summary>Requires a hybrid-joined device (<c>domainJoinedDevice</c>).</summary>
    public PolicyBuilder RequireDomainJoinedDevice() => Control("domainJoinedDevice");

    /// <summary>Blocks access (<c>block</c>).</summary>
    public PolicyBuilder Block() => Control("block");

    /// <summary>Adds any built-in control by its Graph name (for example <c>passwordChange</c>).</summary>
    /// <param name="name">The control name.</param>
    public PolicyBuilder RequireControl(string name) => Control(name);

    /// <summary>Every grant control must be satisfied (operator <c>AND</c>).</summary>
    public PolicyBuilder RequireAllControls()
    {
        Grant.Operator = "AND";
        return this;
    }

    /// <summary>Any one grant control is enough (operator <c>OR</c>, the default).</summary>
    public PolicyBuilder RequireAnyControl()
    {
        Grant.Operator = "OR";
        return this;
    }

    /// <summary>
    /// Requires that the user authenticated within <paramref name="interval"/> (time-based sign-in frequency).
    /// Graph can express 1 to 23 whole hours or 1 to 365 whole days.
    /// </summary>
    /// <param name="interval">The interval.</param>
    /// <exception cref="ArgumentOutOfRangeException">Graph cannot express the interval (for example 90 minutes or 36 hours).</exception>
    public PolicyBuilder RequireSignInWithin(TimeSpan interval)
    {
        var (value, type) = interval switch
        {
            _ when interval.Ticks % TimeSpan.TicksPerHour == 0 && interval.TotalHours is >= 1 and <= 23 => ((int)interval.TotalHours, "hours"),
            _ when interval.Ticks % TimeSpan.TicksPerDay == 0 && interval.TotalDays is >= 1 and <= 365 => ((int)interval.TotalDays, "days"),
            _ => throw new ArgumentOutOfRangeException(nameof(interval), interval,
                "A sign-in frequency is 1 to 23 whole hours or 1 to 365 whole days."),
        };
        SignInFrequency(new SignInFrequencySessionControl { IsEnabled = true, Value = value, Type = type, FrequencyInterval = "timeBased" });
        return this;
    }

    /// <summary>Requires a fresh authentication every time (sign-in frequency <c>everyTime</c>: within five minutes).</summary>
    public PolicyBuilder RequireSignInEveryTime()
    {
        SignInFrequency(new SignInFrequencySessionControl { IsEnabled = true, FrequencyInterval = "everyTime" });
        return this;
    }

    /// <summary>Changes anything else on the Graph-shaped policy directly.</summary>
    /// <param name="configure">The change.</param>
    public PolicyBuilder Configure(Action<ConditionalAccessPolicy> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(_policy);
        return this;
    }

    internal ConditionalAccessPolicy Build() => _policy;

    private PolicyBuilder State(string state)
    {
        _policy.State = state;
        return this;
    }

    private PolicyBuilder Control(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return AddTo(Grant.BuiltInControls ??= [], [name]);
    }

    private PolicyBuilder DeviceFilter(string mode, string rule)
    {
        ArgumentException.ThrowIfNullOrEmpty(rule);
        Conditions.Devices = new ConditionalAccessDevices { DeviceFilter = new ConditionalAccessFilter { Mode = mode, Rule = rule } };
        return this;
    }

    private void SignInFrequency(SignInFrequencySessionControl control) =>
        _policy.SessionControls = new ConditionalAccessSessionControls { SignInFrequency = control };

    private PolicyBuilder AddTo(List<string> list, IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _ = Lists.AddDistinct(list, values);
        return this;
    }

    private static IEnumerable<string> Wire(DevicePlatform[] platforms)
    {
        ArgumentNullException.ThrowIfNull(platforms);
        return platforms.Select(p => p switch
        {
            DevicePlatform.Android => "android",
            DevicePlatform.IOS => "iOS",
            DevicePlatform.Windows => "windows",
            DevicePlatform.WindowsPhone => "windowsPhone",
            DevicePlatform.MacOS => "macOS",
            DevicePlatform.Linux => "linux",
            _ => throw new ArgumentOutOfRangeException(nameof(platforms), p, "Unknown platform."),
        });
    }

    private static IEnumerable<string> Wire(ClientAppType[] types)
    {
        ArgumentNullException.ThrowIfNull(types);
        return types.Select(t => t switch
        {
            ClientAppType.Browser => "browser",
            ClientAppType.MobileAppsAndDesktopClients => "mobileAppsAndDesktopClients",
            ClientAppType.ExchangeActiveSync => "exchangeActiveSync",
            ClientAppType.Other => "other",
            _ => throw new ArgumentOutOfRangeException(nameof(types), t, "Unknown client app type."),
        });
    }

    private static IEnumerable<string> Wire(RiskLevel[] levels)
    {
        ArgumentNullException.ThrowIfNull(levels);
        return levels.Select(l => l switch
        {
            RiskLevel.None => "none",
            RiskLevel.Low => "low",
            RiskLevel.Medium => "medium",
            RiskLevel.High => "high",
            RiskLevel.Hidden => "hidden",
            _ => throw new ArgumentOutOfRangeException(nameof(levels), l, "Unknown risk level."),
        });
    }
}
