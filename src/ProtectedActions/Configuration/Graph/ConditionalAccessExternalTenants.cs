namespace ProtectedActions;

/// <summary>Graph <c>conditionalAccessExternalTenants</c>.</summary>
public sealed class ConditionalAccessExternalTenants
{
    /// <summary><c>all</c> or <c>enumerated</c>.</summary>
    public string? MembershipKind { get; set; }
    /// <summary>Tenant ids when enumerated.</summary>
    public List<string>? Members { get; set; }
}
