using ProtectedActions.Compilation;
using ProtectedActions.Conditions;

namespace ProtectedActions.Evaluation;

/// <summary>What one evaluation knows besides the sign-in: the method modes, the clock, and how the providers fared.</summary>
internal readonly struct EvaluationInput(SignInContext signIn, AuthenticationMethodModes modes, DateTimeOffset now,
    DateTimeOffset? authenticationTime, bool deviceFailed, bool countryKnown)
{
    public SignInContext SignIn { get; } = signIn;
    public AuthenticationMethodModes Modes { get; } = modes;
    public DateTimeOffset Now { get; } = now;
    /// <summary>The authentication time after plausibility checks (null when absent or implausible).</summary>
    public DateTimeOffset? AuthenticationTime { get; } = authenticationTime;
    public bool DeviceFailed { get; } = deviceFailed;
    public bool CountryKnown { get; } = countryKnown;
}

/// <summary>
/// Evaluates one compiled policy against a sign-in into a 64-bit result code, so the hot path allocates
/// nothing and equal outcomes can share one cached decision. Layout: bits 0-3 reason, 4 applies,
/// 5-6 satisfied (0 n/a, 1 yes, 2 no), 7 remediable, 8-23 failed controls, 24-39 missing information.
/// </summary>
internal static class PolicyEvaluation
{
    /// <summary>Everyday-frequency means "within five minutes" (semantics §3).</summary>
    public static readonly TimeSpan EveryTimeWindow = TimeSpan.FromMinutes(5);

    public static ulong Evaluate(CompiledPolicy p, in EvaluationInput input)
    {
        if (p.State == PolicyState.Disabled)
        {
            return Code(PolicyReason.PolicyNotEnabled, applies: false, satisfied: null, remediable: false, FailedControls.None, MissingInformation.None);
        }

        if (p.IsEmpty)
        {
            return Code(PolicyReason.EmptyPolicy, applies: false, satisfied: null, remediable: false, FailedControls.None, MissingInformation.None);
        }

        var s = input.SignIn;
        var missing = MissingInformation.None;
        var unknown = false;

        // Conditions in What-If order; the first that does not match names the reason.
        if (p.WorkloadIdentitiesOnly)
        {
            return NotApplying(PolicyReason.Users);
        }

        if (p.Users is not null && !Check(p.Users.Evaluate(s, out var m), m, ref missing, ref unknown))
        {
            return NotApplying(PolicyReason.Users);
        }

        var local = MissingInformation.None;
        if (p.Platforms is not null && !Check(p.Platforms.Evaluate(s, ref local), local, ref missing, ref unknown))
        {
            return NotApplying(PolicyReason.DevicePlatform);
        }

        local = MissingInformation.None;
        if (p.Locations is not null && !Check(p.Locations.Evaluate(s, input.CountryKnown, ref local), local, ref missing, ref unknown))
        {
            return NotApplying(PolicyReason.Location);
        }

        local = MissingInformation.None;
        if (p.ClientApps is not null && !Check(p.ClientApps.Evaluate(s, ref local), local, ref missing, ref unknown))
        {
            return NotApplying(PolicyReason.ClientApps);
        }

        local = MissingInformation.None;
        if (p.DeviceFilter is not null && !Check(p.DeviceFilter.Evaluate(s, input.DeviceFailed, ref local), local, ref missing, ref unknown))
        {
            return NotApplying(PolicyReason.Devices);
        }

        local = MissingInformation.None;
        if (p.SignInRisk is not null && !Check(p.SignInRisk.Evaluate(s, ref local), local, ref missing, ref unknown))
        {
            return NotApplying(PolicyReason.SignInRisk);
        }

        local = MissingInformation.None;
        if (p.UserRisk is not null && !Check(p.UserRisk.Evaluate(s, ref local), local, ref missing, ref unknown))
        {
            return NotApplying(PolicyReason.UserRisk);
        }

        if (p.Unevaluable != MissingInformation.None)
        {
            missing |= p.Unevaluable;
            unknown = true;
        }

        var failed = FailedGrantControls(p, input, out var grantRemediable);
        var remediable = failed == FailedControls.None || grantRemediable;
        if (p.SignInFrequency is { } interval && !SignInFrequencySatisfied(interval, input))
        {
            failed |= FailedControls.SignInFrequency;
        }

        var reason = unknown ? PolicyReason.NotEnoughInformation : PolicyReason.NotSet;
        return failed == FailedControls.None
            ? Code(reason, applies: true, satisfied: true, remediable: false, FailedControls.None, missing)
            : Code(reason, applies: true, satisfied: false, remediable, failed, missing);
    }

    private static bool Check(ConditionMatch m, MissingInformation local, ref MissingInformation missing, ref bool unknown)
    {
        if (m == ConditionMatch.NoMatch)
        {
            return false;
        }

        if (m == ConditionMatch.Unknown)
        {
            unknown = true;
            missing |= local;
        }

        return true;
    }

    private static FailedControls FailedGrantControls(CompiledPolicy p, in EvaluationInput input, out bool remediable)
    {
        remediable = false;
        if (p.Controls == FailedControls.None)
        {
            return FailedControls.None;
        }

        var failed = FailedControls.None;
        var satisfiedAny = false;
        for (var bit = 1; bit <= (int)FailedControls.RiskRemediation; bit <<= 1)
        {
            var control = (FailedControls)bit;
            if ((p.Controls & control) == 0)
            {
                continue;
            }

            if (IsSatisfied(control, p, input))
            {
                satisfiedAny = true;
            }
            else
            {
                failed |= control;
            }
        }

        if (!p.RequireAll && satisfiedAny)
        {
            return FailedControls.None;
        }

        // AND: every failure must be fixable by signing in again. OR: one fixable alternative is enough.
        remediable = p.RequireAll
            ? (failed & ~FailedControls.Remediable) == 0
            : (failed & FailedControls.Remediable) != 0;
        return failed;
    }

    private static bool IsSatisfied(FailedControls control, CompiledPolicy p, in EvaluationInput input)
    {
        var device = input.DeviceFailed ? null : input.SignIn.Device;
        return control switch
        {
            FailedControls.Mfa => Model.AuthenticationStrengthCatalog.Multifactor.IsSatisfiedBy(input.Modes),
            FailedControls.AuthenticationStrength => p.Strength!.IsSatisfiedBy(input.Modes),
            FailedControls.CompliantDevice => device?.IsCompliant == true,
            FailedControls.DomainJoinedDevice => string.Equals(device?.TrustType, "ServerAD", StringComparison.OrdinalIgnoreCase),
            // block, approved/compliant application, password change, risk remediation, terms of use, custom
            // factors: a resource server cannot verify them, so they are never satisfied here.
            _ => false,
        };
    }

    private static bool SignInFrequencySatisfied(TimeSpan interval, in EvaluationInput input)
    {
        if (input.AuthenticationTime is not { } t)
        {
            return false;
        }

        var age = input.Now - t;
        return age <= interval;
    }

    private static ulong NotApplying(PolicyReason reason) =>
        Code(reason, applies: false, satisfied: null, remediable: false, FailedControls.None, MissingInformation.None);

    public static ulong Code(PolicyReason reason, bool applies, bool? satisfied, bool remediable, FailedControls failed, MissingInformation missing) =>
        (ulong)reason
        | (applies ? 1UL << 4 : 0)
        | (satisfied switch { true => 1UL, false => 2UL, null => 0UL }) << 5
        | (remediable ? 1UL << 7 : 0)
        | (ulong)failed << 8
        | (ulong)missing << 24;

    public static PolicyReason Reason(ulong code) => (PolicyReason)(code & 0xF);
    public static bool Applies(ulong code) => (code & (1UL << 4)) != 0;
    public static bool? Satisfied(ulong code) => ((code >> 5) & 3) switch { 1 => true, 2 => false, _ => null };
    public static bool Remediable(ulong code) => (code & (1UL << 7)) != 0;
    public static FailedControls Failed(ulong code) => (FailedControls)((code >> 8) & 0xFFFF);
    public static MissingInformation Missing(ulong code) => (MissingInformation)((code >> 24) & 0xFFFF);
}
