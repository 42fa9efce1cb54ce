namespace ProtectedActions.Conditions.DeviceFilter;

/// <summary>How a device filter scopes a policy (Graph <c>conditionalAccessFilter.mode</c>).</summary>
internal enum DeviceFilterMode : byte
{
    /// <summary>The policy applies only to devices that match the rule.</summary>
    Include,
    /// <summary>The policy applies to every device except those that match the rule.</summary>
    Exclude,
}
