using ProtectedActions.Compilation;
using ProtectedActions.Conditions;

namespace ProtectedActions.Evaluation;

/// <summary>What one evaluation knows besides the sign-in: the method modes, the clock, and how the providers fared.</summary>
internal readonly struct EvaluationInput(SignInContext signIn, AuthenticationMethodModes modes, DateTimeOffset now,
    DateTimeOffset? authenticationTime, bool deviceFailed, bool countryKnown, bool acrsTrusted = false, bool provenByAcrs = false)
{
    /// <summary>Whether acrs is trusted for this caller: then the identity provider can prove at step-up what this API cannot verify.</summary>
    public bool AcrsTrusted { get; } = acrsTrusted;
    /// <summary>Whether a trusted acrs lists the context: the grant controls are proven, only sign-in frequency is still checked.</summary>
    public bool ProvenByAcrs { get; } = provenByAcrs;
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
/// 5-6 satisfied (0 n/a, 1 yes, 2 no), 7 remediable, 8-23 failed controls, 24-39 missing information,
/// 40-51 failed controls this API cannot verify (unknown, not known to fail), 52 strength met only by restricted
/// combinations, 53 grant controls proven by a trusted acrs (failed codes only: a satisfied policy needs no detail), 54 acrs trusted for the caller.
/// </summary>
internal static class PolicyEvaluation
{
    /// <summary>Everyday-frequency means "within five minutes" (docs/reference/conditional-access.md).</summary>
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
            // Stryker disable once Assignment : Unevaluable holds only insider risk and authentication flow, which no evaluated condition reports, so the bits are not yet set and ^= sets them like |=
            missing |= p.Unevaluable;
            unknown = true;
        }

        var grant = input.ProvenByAcrs ? default : FailedGrantControls(p, input, unknown);
        var failed = grant.Failed;
        var remediable = failed == FailedControls.None || grant.Remediable;
        if (p.SignInFrequency is { } interval && !SignInFrequencySatisfied(interval, input))
        {
            // Stryker disable once Assignment : the grant loop never sets SignInFrequency (it stops at RiskRemediation), so ^= sets the bit like |=
            failed |= FailedControls.SignInFrequency;
        }

        var reason = unknown ? PolicyReason.NotEnoughInformation : PolicyReason.NotSet;
        var extra = ((ulong)grant.Unverified << 40)
            | (grant.Restricted ? 1UL << 52 : 0)
            | (input.ProvenByAcrs ? 1UL << 53 : 0)
            | (input.AcrsTrusted && grant.Unverified != FailedControls.None ? 1UL << 54 : 0);
        return failed == FailedControls.None
            ? Code(reason, applies: true, satisfied: true, remediable: false, FailedControls.None, missing)
            : Code(reason, applies: true, satisfied: false, remediable, failed, missing) | extra;
    }

    /// <summary>What the grant controls came to: the failed ones, those among them this API cannot verify, and whether a step-up can fix them.</summary>
    private readonly record struct GrantOutcome(FailedControls Failed, FailedControls Unverified, bool Remediable, bool Restricted);

    private static bool Check(ConditionMatch m, MissingInformation local, ref MissingInformation missing, ref bool unknown)
    {
        if (m == ConditionMatch.NoMatch)
        {
            return false;
        }

        if (m == ConditionMatch.Unknown)
        {
            unknown = true;
            // Stryker disable once Assignment : each condition reports its own kinds of missing information (users, platform, location, client app, device, risk), so local never shares a bit with what earlier conditions added and ^= adds like |=
            missing |= local;
        }

        return true;
    }

    private static GrantOutcome FailedGrantControls(CompiledPolicy p, in EvaluationInput input, bool conditionsUnknown)
    {
        // Stryker disable once Block : fast path only; with no grant control the loop finds nothing, and Evaluate treats a policy without a failed grant control as remediable either way
        if (p.Controls == FailedControls.None)
        {
            return default;
        }

        var failed = FailedControls.None;
        var unverified = FailedControls.None;
        var fixable = FailedControls.None;
        var restricted = false;
        var satisfiedAny = false;
        for (var bit = 1; bit <= (int)FailedControls.RiskRemediation; bit <<= 1)
        {
            var control = (FailedControls)bit;
            if ((p.Controls & control) == 0)
            {
                continue;
            }

            // Each control bit is visited once per policy, so the flags below never hold `control` before it is added:
            // ^= would add it like |= (across policies the results stay separate codes, see DecisionFactory).
            // Stryker disable Assignment : each bit is set at most once per policy (see above)
            switch (Check(control, p, input, conditionsUnknown))
            {
                case ControlCheck.Satisfied:
                    satisfiedAny = true;
                    break;
                case ControlCheck.Reauthenticate:
                    failed |= control;
                    fixable |= control;
                    break;
                case ControlCheck.Restricted:
                    // Only combinations restricted to specific keys or certificates match: the identity provider enforces
                    // the restriction at step-up; signing in again helps locally only with an unrestricted combination.
                    failed |= control;
                    restricted = true;
                    if (input.AcrsTrusted || p.Strength!.HasUnrestrictedCombination)
                    {
                        fixable |= control;
                    }

                    break;
                case ControlCheck.Unverifiable:
                    failed |= control;
                    unverified |= control;
                    if (input.AcrsTrusted)
                    {
                        fixable |= control;
                    }

                    break;
                default:
                    failed |= control;
                    break;
            }
        }

        // Stryker restore Assignment
        if (!p.RequireAll && satisfiedAny)
        {
            return default;
        }

        // AND: every failure must be fixable by a step-up. OR: one fixable alternative is enough.
        var remediable = p.RequireAll ? failed == fixable : fixable != FailedControls.None;
        return new GrantOutcome(failed, unverified, remediable, restricted);
    }

    private enum ControlCheck
    {
        Satisfied,
        /// <summary>Not met, and signing in again can meet it (mfa, strength).</summary>
        Reauthenticate,
        /// <summary>A strength met only by restricted combinations.</summary>
        Restricted,
        /// <summary>This API lacks what it takes to verify it; the identity provider can, at step-up.</summary>
        Unverifiable,
        /// <summary>Known to fail: a step-up cannot change it.</summary>
        KnownFailure,
    }

    private static ControlCheck Check(FailedControls control, CompiledPolicy p, in EvaluationInput input, bool conditionsUnknown)
    {
        var device = input.DeviceFailed ? null : input.SignIn.Device;
        switch (control)
        {
            case FailedControls.Mfa:
                return Model.AuthenticationStrengthCatalog.Multifactor.IsSatisfiedBy(input.Modes) ? ControlCheck.Satisfied : ControlCheck.Reauthenticate;
            case FailedControls.AuthenticationStrength:
                return p.Strength!.Match(input.Modes) switch
                {
                    Model.StrengthMatch.Satisfied => ControlCheck.Satisfied,
                    Model.StrengthMatch.RestrictedOnly => ControlCheck.Restricted,
                    _ => ControlCheck.Reauthenticate,
                };
            case FailedControls.CompliantDevice:
                // B2's rule: IsCompliant null is unknown; a device the host declares unregistered has IsCompliant false (known).
                return device?.IsCompliant switch
                {
                    true => ControlCheck.Satisfied,
                    false => ControlCheck.KnownFailure,
                    null => ControlCheck.Unverifiable,
                };
            case FailedControls.DomainJoinedDevice:
                if (device?.TrustType is { } trustType)
                {
                    return string.Equals(trustType, "ServerAD", StringComparison.OrdinalIgnoreCase) ? ControlCheck.Satisfied : ControlCheck.KnownFailure;
                }

                // A device whose record is known has a trust type; known facts without one describe an unregistered device.
                return device?.IsCompliant is not null ? ControlCheck.KnownFailure : ControlCheck.Unverifiable;
            case FailedControls.Block:
                // A block that applies on known facts is final; one that applies only for lack of information is the
                // identity provider's to decide, with the information this API lacks.
                return conditionsUnknown ? ControlCheck.Unverifiable : ControlCheck.KnownFailure;
            default:
                // Approved/compliant application, terms of use, custom controls, password change, risk remediation:
                // a resource server cannot verify them; the identity provider checks them at sign-in.
                return ControlCheck.Unverifiable;
        }
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
    public static bool? Satisfied(ulong code) => Field(code, 5, 3) switch { 1 => true, 2 => false, _ => null };
    public static bool Remediable(ulong code) => (code & (1UL << 7)) != 0;
    public static FailedControls Failed(ulong code) => (FailedControls)Field(code, 8, 0xFFFF);
    public static MissingInformation Missing(ulong code) => (MissingInformation)Field(code, 24, 0xFFFF);
    public static FailedControls Unverified(ulong code) => (FailedControls)Field(code, 40, 0xFFF);
    public static bool Restricted(ulong code) => (code & (1UL << 52)) != 0;
    public static bool ProvenByAcrs(ulong code) => (code & (1UL << 53)) != 0;
    public static bool AcrsTrusted(ulong code) => (code & (1UL << 54)) != 0;

    private static ulong Field(ulong code, int shift, ulong mask)
    {
        // Stryker disable once Bitwise : code is a ulong, so the unsigned shift >>> is the same as >>
        var shifted = code >> shift;
        return shifted & mask;
    }
}
