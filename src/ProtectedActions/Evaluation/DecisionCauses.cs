namespace ProtectedActions;

/// <summary>
/// Why a decision is a step-up or a denial, as data (stable names; combine as flags). On a decision:
/// for <see cref="ProtectedActionOutcome.Denied"/> the causes of the enforced policies re-authentication cannot
/// satisfy (or <see cref="StrictModeNoEnforcedPolicy"/>); for <see cref="ProtectedActionOutcome.StepUpRequired"/>
/// the causes of the enforced policies a step-up can satisfy (and <see cref="ClientNotCapable"/>); <see cref="None"/>
/// when allowed. On a <see cref="PolicyResult"/>: what the policy's failure came from, whatever its state.
/// </summary>
[Flags]
public enum DecisionCauses
{
    /// <summary>Nothing failed.</summary>
    None = 0,

    /// <summary>Strict mode is on and no enabled policy targets the context (report-only and disabled ones do not count): denied.</summary>
    StrictModeNoEnforcedPolicy = 1 << 0,

    /// <summary>An applying policy's grant is <c>block</c>, and it applies on known facts: re-authentication cannot change it.</summary>
    Blocked = 1 << 1,

    /// <summary>A device control (<c>compliantDevice</c>, <c>domainJoinedDevice</c>) fails on known facts: re-authentication cannot change it.</summary>
    ControlNotRemediable = 1 << 2,

    /// <summary>
    /// A control this API cannot verify (terms of use, approved or compliant application, custom controls, unknown
    /// device state, a block that applies only for lack of information) and <c>acrs</c> from the caller's issuer is not
    /// trusted, so a step-up could not prove it either: fails closed.
    /// </summary>
    UnverifiableControl = 1 << 3,

    /// <summary>A control this API cannot verify, and <c>acrs</c> from the caller's issuer is trusted: the identity provider checks it at step-up.</summary>
    IdentityProviderVerifies = 1 << 4,

    /// <summary>The authentication strength is met only by combinations restricted to specific FIDO2 keys or certificates, which a token cannot prove.</summary>
    RestrictedStrength = 1 << 5,

    /// <summary><c>mfa</c> or an authentication strength is not met by the token's methods: signing in again can meet it.</summary>
    Reauthentication = 1 << 6,

    /// <summary>The sign-in is older than the policy's sign-in frequency allows (or its time is unknown).</summary>
    SignInFrequency = 1 << 7,

    /// <summary>A failing policy applies only because the sign-in lacks information (<see cref="PolicyReason.NotEnoughInformation"/>).</summary>
    MissingInformation = 1 << 8,

    /// <summary>A step-up is required but the client did not declare the <c>cp1</c> capability, so no challenge is sent.</summary>
    ClientNotCapable = 1 << 9,

    /// <summary>
    /// The caller was asked to step up and came back, within the remembered window, with a token authenticated after
    /// that challenge that still fails a step-up requirement: the provider cannot or will not satisfy it, so the
    /// answer is a denial (<c>step-up-unsatisfiable</c>) instead of another challenge. Set by the HTTP layer.
    /// </summary>
    StepUpUnsatisfiable = 1 << 10,
}
