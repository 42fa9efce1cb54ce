namespace ProtectedActions;

/// <summary>A protected action being attempted: the permission and the sign-in it is attempted under.</summary>
public sealed class ProtectedActionRequest
{
    /// <summary>Creates a request.</summary>
    /// <param name="permission">The permission, <c>namespace/entity[/property]/verb</c>.</param>
    /// <param name="signIn">The caller's sign-in, built from a token the host has validated.</param>
    public ProtectedActionRequest(string permission, SignInContext signIn)
    {
        ArgumentException.ThrowIfNullOrEmpty(permission);
        ArgumentNullException.ThrowIfNull(signIn);
        Permission = permission;
        SignIn = signIn;
    }

    /// <summary>The permission being attempted.</summary>
    public string Permission { get; }

    /// <summary>The sign-in it is attempted under.</summary>
    public SignInContext SignIn { get; }
}
