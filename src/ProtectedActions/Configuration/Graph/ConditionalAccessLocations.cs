namespace ProtectedActions;

/// <summary>Graph <c>conditionalAccessLocations</c>.</summary>
public sealed class ConditionalAccessLocations
{
    /// <summary>Named-location ids, <c>All</c> or <c>AllTrusted</c>.</summary>
    public List<string>? IncludeLocations { get; set; }
    /// <summary>Named-location ids or <c>AllTrusted</c>.</summary>
    public List<string>? ExcludeLocations { get; set; }
}
