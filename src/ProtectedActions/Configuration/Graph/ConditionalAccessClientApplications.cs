namespace ProtectedActions;

/// <summary>Graph <c>conditionalAccessClientApplications</c> (workload identities).</summary>
public sealed class ConditionalAccessClientApplications
{
    /// <summary>Included service principals.</summary>
    public List<string>? IncludeServicePrincipals { get; set; }
    /// <summary>Excluded service principals.</summary>
    public List<string>? ExcludeServicePrincipals { get; set; }
}
