namespace ProtectedActions;

/// <summary>Assigns an authentication context to a permission, or with a trailing <c>/*</c> to a subtree of permissions.</summary>
public sealed class ProtectedActionAssignment
{
    /// <summary>The permission, <c>namespace/entity[/property]/verb</c>, or a pattern ending in <c>/*</c>. Case-insensitive.</summary>
    public string? Permission { get; set; }
    /// <summary>The authentication context id that protects it.</summary>
    public string? AuthenticationContextId { get; set; }
}
