namespace ProtectedActions.Testing;

/// <summary>The <c>amr</c> values the builders write for each named method, as Entra issues them.</summary>
internal static class AmrValues
{
    /// <summary>A password sign-in: <c>pwd</c>.</summary>
    public static readonly string[] Password = ["pwd"];

    /// <summary>An unnamed second factor: <c>mfa</c>.</summary>
    public static readonly string[] Mfa = ["mfa"];

    /// <summary>A FIDO2 security key or passkey: <c>fido</c> (Entra's value) and <c>mfa</c>.</summary>
    public static readonly string[] Fido2 = ["fido", "mfa"];
}
