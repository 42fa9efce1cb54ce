namespace ProtectedActions;

/// <summary>Whether the signed-in user is a member of the tenant or a guest/external user.</summary>
public enum UserType
{
    /// <summary>A member of the resource tenant.</summary>
    Member,
    /// <summary>A guest or other external user.</summary>
    Guest,
}
