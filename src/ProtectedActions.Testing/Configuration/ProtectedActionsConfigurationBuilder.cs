using System.Text.Json;

namespace ProtectedActions.Testing;

/// <summary>
/// Builds a <see cref="ProtectedActionsOptions"/> in memory, fluently, for tests: contexts, protected
/// permissions, policies, custom strengths, named locations, emergency accounts and settings.
/// <see cref="Build"/> returns a new, independent document every time; <see cref="BuildEvaluator"/> validates
/// and compiles it into a real evaluator, exactly as production does.
/// </summary>
/// <example>
/// <code>
/// var evaluator = new ProtectedActionsConfigurationBuilder()
///     .AddContext("c1", "Strong auth")
///     .Protect("contoso.billing/invoices/approve", "c1")
///     .AddPolicy("p1", p =&gt; p.ForContext("c1").IncludeAllUsers().Exclude(breakGlassId)
///         .RequireStrength(BuiltInStrengths.PhishingResistant).RequireSignInWithin(TimeSpan.FromHours(1)))
///     .AddEmergencyAccount(breakGlassId)
///     .BuildEvaluator(fakeTime);
/// </code>
/// </example>
/// <remarks>
/// <para>
/// The document trusts the <c>acrs</c> claim of tokens from <see cref="TestIdentities.Issuer"/> (the default
/// issuer of <see cref="EntraTokenBuilder"/> and <see cref="SignInBuilder"/>), as production configuration must name
/// the issuers it trusts. Replace it with <c>Configure(s =&gt; s.TrustedIssuers = [...])</c>, or turn acrs off with
/// <c>Configure(s =&gt; s.TrustAcrsClaim = false)</c>.
/// </para>
/// Like <see cref="PolicyBuilder"/> it does not validate: use <see cref="Validate"/> to see what production
/// validation would say, including lint warnings (for example a policy that does not exclude the emergency
/// account).
/// </remarks>
public sealed class ProtectedActionsConfigurationBuilder
{
    private readonly List<Action<ProtectedActionsOptions>> _steps = [];

    /// <summary>Adds an authentication context.</summary>
    /// <param name="id">The id, <c>c1</c>..<c>c99</c>.</param>
    /// <param name="displayName">The display name; default the id.</param>
    /// <param name="isAvailable">Whether it is published to apps; default <see langword="true"/>.</param>
    public ProtectedActionsConfigurationBuilder AddContext(string id, string? displayName = null, bool isAvailable = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return Step(o => o.AuthenticationContexts.Add(new AuthenticationContextDefinition
        {
            Id = id,
            DisplayName = displayName ?? id,
            IsAvailable = isAvailable,
        }));
    }

    /// <summary>Protects a permission (or a <c>/*</c> subtree) with an authentication context.</summary>
    /// <param name="permission">The permission, for example <c>contoso.billing/invoices/approve</c>.</param>
    /// <param name="contextId">The context id.</param>
    public ProtectedActionsConfigurationBuilder Protect(string permission, string contextId)
    {
        ArgumentException.ThrowIfNullOrEmpty(permission);
        ArgumentException.ThrowIfNullOrEmpty(contextId);
        return Step(o => o.ProtectedActions.Add(new ProtectedActionAssignment { Permission = permission, AuthenticationContextId = contextId }));
    }

    /// <summary>Adds a Conditional Access policy, described by <paramref name="configure"/>.</summary>
    /// <param name="id">The policy id; decisions and <c>ShouldHaveFailedControl</c> name it.</param>
    /// <param name="configure">Describes the policy, for example <c>p =&gt; p.ForContext("c1").IncludeAllUsers().RequireMfa()</c>.</param>
    public ProtectedActionsConfigurationBuilder AddPolicy(string id, Action<PolicyBuilder> configure)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(configure);
        // Described once, here, so a mistake throws at the call that made it; every Build() gets its own copy.
        var builder = new PolicyBuilder(id);
        configure(builder);
        var json = JsonSerializer.Serialize(builder.Build());
        return Step(o => o.ConditionalAccessPolicies.Add(JsonSerializer.Deserialize<ConditionalAccessPolicy>(json)!));
    }

    /// <summary>Adds a custom authentication strength.</summary>
    /// <param name="id">The id policies reference.</param>
    /// <param name="allowedCombinations">Comma-joined method-mode combinations, for example <c>"fido2"</c>, <c>"password,softwareOath"</c>.</param>
    public ProtectedActionsConfigurationBuilder AddStrength(string id, params string[] allowedCombinations)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(allowedCombinations);
        var combinations = allowedCombinations.ToArray();
        return Step(o => o.AuthenticationStrengthPolicies.Add(new AuthenticationStrengthPolicy
        {
            Id = id,
            DisplayName = id,
            PolicyType = "custom",
            AllowedCombinations = [.. combinations],
        }));
    }

    /// <summary>Adds an IP named location.</summary>
    /// <param name="id">The id policies reference.</param>
    /// <param name="isTrusted">Whether it counts for <c>AllTrusted</c>.</param>
    /// <param name="cidrRanges">CIDR ranges, for example <c>203.0.113.0/24</c>.</param>
    public ProtectedActionsConfigurationBuilder AddIpLocation(string id, bool isTrusted, params string[] cidrRanges)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(cidrRanges);
        var ranges = cidrRanges.ToArray();
        return Step(o => o.NamedLocations.Add(new NamedLocation
        {
            ODataType = "#microsoft.graph.ipNamedLocation",
            Id = id,
            DisplayName = id,
            IsTrusted = isTrusted,
            IpRanges = ranges.Select(r => new IpRange
            {
                ODataType = r.Contains(':', StringComparison.Ordinal) ? "#microsoft.graph.iPv6CidrRange" : "#microsoft.graph.iPv4CidrRange",
                CidrAddress = r,
            }).ToList(),
        }));
    }

    /// <summary>Adds a country named location.</summary>
    /// <param name="id">The id policies reference.</param>
    /// <param name="countryCodes">ISO 3166 alpha-2 codes.</param>
    public ProtectedActionsConfigurationBuilder AddCountryLocation(string id, params string[] countryCodes)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(countryCodes);
        var codes = countryCodes.ToArray();
        return Step(o => o.NamedLocations.Add(new NamedLocation
        {
            ODataType = "#microsoft.graph.countryNamedLocation",
            Id = id,
            DisplayName = id,
            CountriesAndRegions = [.. codes],
        }));
    }

    /// <summary>Declares an emergency-access user that every guarding policy should exclude (a lint rule).</summary>
    /// <param name="userId">The user's object id.</param>
    public ProtectedActionsConfigurationBuilder AddEmergencyAccount(string userId)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        return Step(o => o.EmergencyAccessAccounts.UserIds.Add(userId));
    }

    /// <summary>Changes settings, for example <c>s =&gt; s.ChallengeFormat = ChallengeFormat.Rfc9470</c>.</summary>
    /// <param name="configure">The change.</param>
    public ProtectedActionsConfigurationBuilder Configure(Action<ProtectedActionsSettings> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return Step(o => configure(o.Settings));
    }

    /// <summary>Changes anything on the document directly (runs in order with the other steps).</summary>
    /// <param name="configure">The change.</param>
    public ProtectedActionsConfigurationBuilder ConfigureOptions(Action<ProtectedActionsOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return Step(configure);
    }

    /// <summary>Builds a new configuration document. Not validated (see <see cref="Validate"/>).</summary>
    public ProtectedActionsOptions Build()
    {
        var options = new ProtectedActionsOptions();
        options.Settings.TrustedIssuers.Add(TestIdentities.Issuer);
        foreach (var step in _steps)
        {
            step(options);
        }

        return options;
    }

    /// <summary>Validates the document as production would: errors and lint warnings, with configuration paths.</summary>
    public ConfigurationValidationResult Validate() => ProtectedActionsConfiguration.Validate(Build());

    /// <summary>Builds, validates and compiles the document into a real evaluator (<see cref="ProtectedActionEvaluator.Create"/>).</summary>
    /// <param name="timeProvider">The clock, typically a <c>FakeTimeProvider</c>; default the system clock.</param>
    /// <param name="deviceProvider">An optional device-information provider.</param>
    /// <param name="countryResolver">An optional IP → country resolver.</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The document has errors; each message names its path.</exception>
    public IProtectedActionEvaluator BuildEvaluator(TimeProvider? timeProvider = null, IDeviceInformationProvider? deviceProvider = null,
        ICountryResolver? countryResolver = null) =>
        ProtectedActionEvaluator.Create(Build(), timeProvider, deviceProvider, countryResolver);

    private ProtectedActionsConfigurationBuilder Step(Action<ProtectedActionsOptions> step)
    {
        _steps.Add(step);
        return this;
    }
}
