namespace ProtectedActions.Samples.IdentityProvider;

/// <summary>The simulated sign-in methods of the login page and the <c>amr</c> values each issues.</summary>
public static class SignInMethods
{
    /// <summary>A password alone: <c>amr=["pwd"]</c>.</summary>
    public const string Password = "pwd";

    /// <summary>A password and a second factor: <c>amr=["pwd","mfa"]</c>.</summary>
    public const string PasswordAndMfa = "mfa";

    /// <summary>A FIDO2 security key (phishing-resistant): <c>amr=["fido"]</c>, as Entra issues it.</summary>
    public const string Fido2 = "fido";

    /// <summary>The <c>amr</c> values of <paramref name="method"/>; <see langword="null"/> for an unknown method.</summary>
    public static IReadOnlyList<string>? AmrOf(string? method) => method switch
    {
        Password => ["pwd"],
        PasswordAndMfa => ["pwd", "mfa"],
        Fido2 => ["fido"],
        _ => null,
    };

    /// <summary>The level of assurance of the <paramref name="amr"/> values: "1" for a password, "2" for MFA or FIDO2.</summary>
    internal static string LevelOf(IReadOnlyCollection<string> amr) => amr.Contains("mfa") || amr.Contains("fido") ? "2" : "1";
}
