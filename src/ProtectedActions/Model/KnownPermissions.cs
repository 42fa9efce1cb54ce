namespace ProtectedActions;

/// <summary>The Microsoft Entra permissions (namespace <c>microsoft.directory</c>) that Entra lets you protect.</summary>
public static class KnownPermissions
{
    /// <summary><c>microsoft.directory/conditionalAccessPolicies/create</c>.</summary>
    public const string ConditionalAccessPoliciesCreate = "microsoft.directory/conditionalAccessPolicies/create";
    /// <summary><c>microsoft.directory/conditionalAccessPolicies/basic/update</c>.</summary>
    public const string ConditionalAccessPoliciesBasicUpdate = "microsoft.directory/conditionalAccessPolicies/basic/update";
    /// <summary><c>microsoft.directory/conditionalAccessPolicies/delete</c>.</summary>
    public const string ConditionalAccessPoliciesDelete = "microsoft.directory/conditionalAccessPolicies/delete";
    /// <summary><c>microsoft.directory/namedLocations/create</c>.</summary>
    public const string NamedLocationsCreate = "microsoft.directory/namedLocations/create";
    /// <summary><c>microsoft.directory/namedLocations/basic/update</c>.</summary>
    public const string NamedLocationsBasicUpdate = "microsoft.directory/namedLocations/basic/update";
    /// <summary><c>microsoft.directory/namedLocations/delete</c>.</summary>
    public const string NamedLocationsDelete = "microsoft.directory/namedLocations/delete";
    /// <summary><c>microsoft.directory/resourceNamespaces/resourceActions/authenticationContext/update</c>: managing protected actions themselves.</summary>
    public const string ProtectedActionsManagement = "microsoft.directory/resourceNamespaces/resourceActions/authenticationContext/update";
    /// <summary><c>microsoft.directory/crossTenantAccessPolicy/allowedCloudEndpoints/update</c>.</summary>
    public const string CrossTenantAccessPolicyAllowedCloudEndpointsUpdate = "microsoft.directory/crossTenantAccessPolicy/allowedCloudEndpoints/update";
    /// <summary><c>microsoft.directory/crossTenantAccessPolicy/default/b2bCollaboration/update</c>.</summary>
    public const string CrossTenantAccessPolicyDefaultB2bCollaborationUpdate = "microsoft.directory/crossTenantAccessPolicy/default/b2bCollaboration/update";
    /// <summary><c>microsoft.directory/crossTenantAccessPolicy/default/b2bDirectConnect/update</c>.</summary>
    public const string CrossTenantAccessPolicyDefaultB2bDirectConnectUpdate = "microsoft.directory/crossTenantAccessPolicy/default/b2bDirectConnect/update";
    /// <summary><c>microsoft.directory/crossTenantAccessPolicy/default/crossCloudMeetings/update</c>.</summary>
    public const string CrossTenantAccessPolicyDefaultCrossCloudMeetingsUpdate = "microsoft.directory/crossTenantAccessPolicy/default/crossCloudMeetings/update";
    /// <summary><c>microsoft.directory/crossTenantAccessPolicy/default/tenantRestrictions/update</c>.</summary>
    public const string CrossTenantAccessPolicyDefaultTenantRestrictionsUpdate = "microsoft.directory/crossTenantAccessPolicy/default/tenantRestrictions/update";
    /// <summary><c>microsoft.directory/crossTenantAccessPolicy/partners/create</c>.</summary>
    public const string CrossTenantAccessPolicyPartnersCreate = "microsoft.directory/crossTenantAccessPolicy/partners/create";
    /// <summary><c>microsoft.directory/crossTenantAccessPolicy/partners/delete</c>.</summary>
    public const string CrossTenantAccessPolicyPartnersDelete = "microsoft.directory/crossTenantAccessPolicy/partners/delete";
    /// <summary><c>microsoft.directory/crossTenantAccessPolicy/partners/b2bCollaboration/update</c>.</summary>
    public const string CrossTenantAccessPolicyPartnersB2bCollaborationUpdate = "microsoft.directory/crossTenantAccessPolicy/partners/b2bCollaboration/update";
    /// <summary><c>microsoft.directory/crossTenantAccessPolicy/partners/b2bDirectConnect/update</c>.</summary>
    public const string CrossTenantAccessPolicyPartnersB2bDirectConnectUpdate = "microsoft.directory/crossTenantAccessPolicy/partners/b2bDirectConnect/update";
    /// <summary><c>microsoft.directory/crossTenantAccessPolicy/partners/crossCloudMeetings/update</c>.</summary>
    public const string CrossTenantAccessPolicyPartnersCrossCloudMeetingsUpdate = "microsoft.directory/crossTenantAccessPolicy/partners/crossCloudMeetings/update";
    /// <summary><c>microsoft.directory/crossTenantAccessPolicy/partners/tenantRestrictions/update</c>.</summary>
    public const string CrossTenantAccessPolicyPartnersTenantRestrictionsUpdate = "microsoft.directory/crossTenantAccessPolicy/partners/tenantRestrictions/update";
    /// <summary><c>microsoft.directory/deletedItems/delete</c>.</summary>
    public const string DeletedItemsDelete = "microsoft.directory/deletedItems/delete";

    /// <summary>All eighteen, in the order above.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        ConditionalAccessPoliciesCreate, ConditionalAccessPoliciesBasicUpdate, ConditionalAccessPoliciesDelete,
        NamedLocationsCreate, NamedLocationsBasicUpdate, NamedLocationsDelete, ProtectedActionsManagement,
        CrossTenantAccessPolicyAllowedCloudEndpointsUpdate, CrossTenantAccessPolicyDefaultB2bCollaborationUpdate,
        CrossTenantAccessPolicyDefaultB2bDirectConnectUpdate, CrossTenantAccessPolicyDefaultCrossCloudMeetingsUpdate,
        CrossTenantAccessPolicyDefaultTenantRestrictionsUpdate, CrossTenantAccessPolicyPartnersCreate,
        CrossTenantAccessPolicyPartnersDelete, CrossTenantAccessPolicyPartnersB2bCollaborationUpdate,
        CrossTenantAccessPolicyPartnersB2bDirectConnectUpdate, CrossTenantAccessPolicyPartnersCrossCloudMeetingsUpdate,
        CrossTenantAccessPolicyPartnersTenantRestrictionsUpdate, DeletedItemsDelete,
    ];
}
