namespace ProtectedActions;

/// <summary>Graph <c>conditionalAccessDevices</c>.</summary>
public sealed class ConditionalAccessDevices
{
    /// <summary>The device filter.</summary>
    public ConditionalAccessFilter? DeviceFilter { get; set; }
}
