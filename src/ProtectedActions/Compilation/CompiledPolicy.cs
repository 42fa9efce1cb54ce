using ProtectedActions.Conditions;
using ProtectedActions.Evaluation;
using ProtectedActions.Model;

namespace ProtectedActions.Compilation;

/// <summary>A policy compiled for the hot path: conditions as sets and bit masks, controls as bits.</summary>
internal sealed class CompiledPolicy
{
    public required string Id { get; init; }
    public string? DisplayName { get; init; }
    public required PolicyState State { get; init; }
    public required UsersCondition? Users { get; init; }
    public PlatformCondition? Platforms { get; init; }
    public LocationCondition? Locations { get; init; }
    public ClientAppCondition? ClientApps { get; init; }
    public DeviceFilterCondition? DeviceFilter { get; init; }
    public RiskCondition? SignInRisk { get; init; }
    public RiskCondition? UserRisk { get; init; }
    /// <summary>Conditions no source in this library can evaluate (insider risk, authentication flows).</summary>
    public MissingInformation Unevaluable { get; init; }
    /// <summary>A workload-identity policy: never applies to a user sign-in.</summary>
    public bool WorkloadIdentitiesOnly { get; init; }
    public bool IsEmpty { get; init; }

    /// <summary>True for <c>AND</c>, false for <c>OR</c>.</summary>
    public bool RequireAll { get; init; }
    /// <summary>Every grant control as a bit (strength as <see cref="FailedControls.AuthenticationStrength"/>).</summary>
    public FailedControls Controls { get; init; }
    public CompiledStrength? Strength { get; init; }
    /// <summary>The sign-in frequency interval, when enabled.</summary>
    public TimeSpan? SignInFrequency { get; init; }
    /// <summary>The max age (seconds) a challenge asks for when sign-in frequency fails.</summary>
    public int SignInFrequencyMaxAge { get; init; }

    public bool NeedsDevice => DeviceFilter is not null || (Controls & (FailedControls.CompliantDevice | FailedControls.DomainJoinedDevice)) != 0;

    public bool NeedsCountry => Locations?.UsesCountries == true;
}
