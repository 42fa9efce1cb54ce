namespace ProtectedActions;

/// <summary>Graph <c>conditionalAccessFilter</c>.</summary>
public sealed class ConditionalAccessFilter
{
    /// <summary><c>include</c> (applies only to matching devices) or <c>exclude</c> (applies to all but matching devices).</summary>
    public string? Mode { get; set; }
    /// <summary>The rule, for example <c>device.isCompliant -eq True -and device.trustType -eq "AzureAD"</c>.</summary>
    public string? Rule { get; set; }
}
