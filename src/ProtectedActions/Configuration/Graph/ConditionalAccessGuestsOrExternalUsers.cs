namespace ProtectedActions;

/// <summary>Graph <c>conditionalAccessGuestsOrExternalUsers</c>.</summary>
public sealed class ConditionalAccessGuestsOrExternalUsers
{
    /// <summary>Comma-joined kinds: <c>internalGuest, b2bCollaborationGuest, b2bCollaborationMember, b2bDirectConnectUser, otherExternalUser, serviceProvider</c>.</summary>
    public string? GuestOrExternalUserTypes { get; set; }
    /// <summary>Which external tenants; only <c>all</c> membership is evaluated (enumerated tenants are compared with the sign-in's tenant).</summary>
    public ConditionalAccessExternalTenants? ExternalTenants { get; set; }
}
