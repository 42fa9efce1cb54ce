using ProtectedActions.Model;

namespace ProtectedActions.Evaluation;

/// <summary>Controls as bits, so a policy's failures are a number on the hot path and names only when a decision is built.</summary>
[Flags]
internal enum FailedControls : ushort
{
    None = 0,
    Block = 1 << 0,
    Mfa = 1 << 1,
    AuthenticationStrength = 1 << 2,
    CompliantDevice = 1 << 3,
    DomainJoinedDevice = 1 << 4,
    ApprovedApplication = 1 << 5,
    CompliantApplication = 1 << 6,
    PasswordChange = 1 << 7,
    TermsOfUse = 1 << 8,
    CustomAuthenticationFactors = 1 << 9,
    RiskRemediation = 1 << 10,
    SignInFrequency = 1 << 11,

    /// <summary>What a new sign-in can fix.</summary>
    Remediable = Mfa | AuthenticationStrength | SignInFrequency,
}

internal static class FailedControlNames
{
    private static readonly (FailedControls Flag, string Name)[] All =
    [
        (FailedControls.Block, "block"), (FailedControls.Mfa, "mfa"),
        (FailedControls.AuthenticationStrength, "authenticationStrength"), (FailedControls.CompliantDevice, "compliantDevice"),
        (FailedControls.DomainJoinedDevice, "domainJoinedDevice"), (FailedControls.ApprovedApplication, "approvedApplication"),
        (FailedControls.CompliantApplication, "compliantApplication"), (FailedControls.PasswordChange, "passwordChange"),
        (FailedControls.TermsOfUse, "termsOfUse"), (FailedControls.CustomAuthenticationFactors, "customAuthenticationFactors"),
        (FailedControls.RiskRemediation, "riskRemediation"),
        (FailedControls.SignInFrequency, "signInFrequency"),
    ];

    public static IReadOnlyList<string> Names(FailedControls f) => FlagNames.Of(All, f);

    public static bool TryParseBuiltIn(string name, out FailedControls control)
    {
        foreach (var (flag, n) in All)
        {
            if (flag is not (FailedControls.AuthenticationStrength or FailedControls.TermsOfUse or FailedControls.CustomAuthenticationFactors or FailedControls.SignInFrequency)
                && string.Equals(n, name, StringComparison.OrdinalIgnoreCase))
            {
                control = flag;
                return true;
            }
        }

        control = FailedControls.None;
        return false;
    }
}
