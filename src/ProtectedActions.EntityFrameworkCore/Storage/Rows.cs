namespace ProtectedActions.EntityFrameworkCore.Storage;

/// <summary>A tenant's version row: polled cheaply, updated conditionally by every write (optimistic concurrency).</summary>
internal sealed class TenantRow
{
    public string TenantId { get; set; } = "";
    public long Version { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>One object of a tenant's configuration document (a context, an assignment, a policy, ... or the settings) as JSON.</summary>
internal sealed class ObjectRow
{
    public string TenantId { get; set; } = "";
    /// <summary>The document section, for example <c>protectedActions</c>.</summary>
    public string Kind { get; set; } = "";
    /// <summary>The object's key in its section (id, permission, display name, or <c>#n</c>).</summary>
    public string Key { get; set; } = "";
    /// <summary>The object's position in its section, so the document reads back in the order it was written.</summary>
    public int Ordinal { get; set; }
    public string Json { get; set; } = "";
}

/// <summary>One changed object of one committed version.</summary>
internal sealed class AuditRow
{
    public long Id { get; set; }
    public string TenantId { get; set; } = "";
    public long Version { get; set; }
    public DateTimeOffset At { get; set; }
    public string ActorObjectId { get; set; } = "";
    public string? ActorDisplayName { get; set; }
    public string InstanceId { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Key { get; set; } = "";
    public string? Before { get; set; }
    public string? After { get; set; }
}
