namespace ProtectedActions;

/// <summary>Graph <c>conditionalAccessUsers</c>.</summary>
public sealed class ConditionalAccessUsers
{
    /// <summary>User ids, <c>All</c>, <c>None</c> or <c>GuestsOrExternalUsers</c>.</summary>
    public List<string>? IncludeUsers { get; set; }
    /// <summary>User ids or <c>GuestsOrExternalUsers</c>.</summary>
    public List<string>? ExcludeUsers { get; set; }
    /// <summary>Group ids.</summary>
    public List<string>? IncludeGroups { get; set; }
    /// <summary>Group ids.</summary>
    public List<string>? ExcludeGroups { get; set; }
    /// <summary>Directory role template ids.</summary>
    public List<string>? IncludeRoles { get; set; }
    /// <summary>Directory role template ids.</summary>
    public List<string>? ExcludeRoles { get; set; }
    /// <summary>Included guest or external user kinds.</summary>
    public ConditionalAccessGuestsOrExternalUsers? IncludeGuestsOrExternalUsers { get; set; }
    /// <summary>Excluded guest or external user kinds.</summary>
    public ConditionalAccessGuestsOrExternalUsers? ExcludeGuestsOrExternalUsers { get; set; }
}
