namespace ProtectedActions;

/// <summary>Graph's <c>conditionalAccessGuestOrExternalUserTypes</c> flags.</summary>
[Flags]
public enum GuestOrExternalUserTypes
{
    /// <summary>Not a guest or external user, or the kind is not known.</summary>
    None = 0,
    /// <summary><c>internalGuest</c>.</summary>
    InternalGuest = 1,
    /// <summary><c>b2bCollaborationGuest</c>.</summary>
    B2bCollaborationGuest = 2,
    /// <summary><c>b2bCollaborationMember</c>.</summary>
    B2bCollaborationMember = 4,
    /// <summary><c>b2bDirectConnectUser</c>.</summary>
    B2bDirectConnectUser = 8,
    /// <summary><c>otherExternalUser</c>.</summary>
    OtherExternalUser = 16,
    /// <summary><c>serviceProvider</c>.</summary>
    ServiceProvider = 32,
}
