namespace ProtectedActions;

/// <summary>One committed version of a tenant's configuration.</summary>
public sealed class StoredConfiguration
{
    /// <summary>Creates a stored configuration.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="version">The committed version (1 for the first write).</param>
    /// <param name="document">The configuration document.</param>
    /// <param name="updatedAt">When the version was committed.</param>
    public StoredConfiguration(string tenantId, long version, ProtectedActionsOptions document, DateTimeOffset updatedAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(version);
        ArgumentNullException.ThrowIfNull(document);
        TenantId = tenantId;
        Version = version;
        Document = document;
        UpdatedAt = updatedAt;
    }

    /// <summary>The tenant.</summary>
    public string TenantId { get; }

    /// <summary>The committed version.</summary>
    public long Version { get; }

    /// <summary>The configuration document (a fresh object per read: changing it changes nothing stored).</summary>
    public ProtectedActionsOptions Document { get; }

    /// <summary>When the version was committed.</summary>
    public DateTimeOffset UpdatedAt { get; }
}

/// <summary>Who makes a change: the object id and display name of the signed-in administrator, nothing else.</summary>
public sealed class ConfigurationActor
{
    /// <summary>Creates an actor.</summary>
    /// <param name="objectId">The administrator's object id (<c>oid</c>).</param>
    /// <param name="displayName">A display name for the audit trail; optional.</param>
    public ConfigurationActor(string objectId, string? displayName = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(objectId);
        ObjectId = objectId;
        DisplayName = displayName;
    }

    /// <summary>The administrator's object id.</summary>
    public string ObjectId { get; }

    /// <summary>The display name, when known.</summary>
    public string? DisplayName { get; }
}

/// <summary>A proposed new version of a tenant's configuration.</summary>
public sealed class ConfigurationWrite
{
    /// <summary>Creates a write.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="expectedVersion">The version the change was made against; 0 when the tenant has no configuration yet.</param>
    /// <param name="document">The complete new configuration document.</param>
    /// <param name="actor">Who makes the change.</param>
    public ConfigurationWrite(string tenantId, long expectedVersion, ProtectedActionsOptions document, ConfigurationActor actor)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(actor);
        TenantId = tenantId;
        ExpectedVersion = expectedVersion;
        Document = document;
        Actor = actor;
    }

    /// <summary>The tenant.</summary>
    public string TenantId { get; }

    /// <summary>The version the change was made against (0: none yet).</summary>
    public long ExpectedVersion { get; }

    /// <summary>The complete new configuration document.</summary>
    public ProtectedActionsOptions Document { get; }

    /// <summary>Who makes the change.</summary>
    public ConfigurationActor Actor { get; }
}

/// <summary>How a write ended.</summary>
public enum ConfigurationWriteStatus
{
    /// <summary>The write was committed as <see cref="ConfigurationWriteResult.Version"/>.</summary>
    Committed,

    /// <summary>The expected version was not the stored one; nothing was stored.</summary>
    Conflict,

    /// <summary>The document has errors (<see cref="ConfigurationWriteResult.Issues"/>); nothing was stored.</summary>
    Invalid,
}

/// <summary>The result of a write.</summary>
public sealed class ConfigurationWriteResult
{
    private ConfigurationWriteResult(ConfigurationWriteStatus status, long version, IReadOnlyList<ConfigurationIssue> issues)
    {
        Status = status;
        Version = version;
        Issues = issues;
    }

    /// <summary>How the write ended.</summary>
    public ConfigurationWriteStatus Status { get; }

    /// <summary>The committed version (<see cref="ConfigurationWriteStatus.Committed"/>) or the stored one the write missed (<see cref="ConfigurationWriteStatus.Conflict"/>; 0 when none).</summary>
    public long Version { get; }

    /// <summary>The validation issues (errors when <see cref="ConfigurationWriteStatus.Invalid"/>, warnings otherwise).</summary>
    public IReadOnlyList<ConfigurationIssue> Issues { get; }

    /// <summary>A committed write.</summary>
    public static ConfigurationWriteResult Committed(long version, IReadOnlyList<ConfigurationIssue>? warnings = null) =>
        new(ConfigurationWriteStatus.Committed, version, warnings ?? []);

    /// <summary>A write against a stale version.</summary>
    public static ConfigurationWriteResult Conflict(long storedVersion) => new(ConfigurationWriteStatus.Conflict, storedVersion, []);

    /// <summary>A refused, invalid write.</summary>
    public static ConfigurationWriteResult Invalid(IReadOnlyList<ConfigurationIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(issues);
        return new(ConfigurationWriteStatus.Invalid, 0, issues);
    }
}

/// <summary>One changed object of one committed version: before and after as configuration-document JSON.</summary>
public sealed class ConfigurationAuditEntry
{
    /// <summary>Creates an audit entry.</summary>
    public ConfigurationAuditEntry(string tenantId, long version, DateTimeOffset at, string actorObjectId, string? actorDisplayName, string instanceId,
        string kind, string key, string? before, string? after)
    {
        TenantId = tenantId;
        Version = version;
        At = at;
        ActorObjectId = actorObjectId;
        ActorDisplayName = actorDisplayName;
        InstanceId = instanceId;
        Kind = kind;
        Key = key;
        Before = before;
        After = after;
    }

    /// <summary>The tenant.</summary>
    public string TenantId { get; }

    /// <summary>The version the change committed.</summary>
    public long Version { get; }

    /// <summary>When it was committed.</summary>
    public DateTimeOffset At { get; }

    /// <summary>The administrator's object id.</summary>
    public string ActorObjectId { get; }

    /// <summary>The administrator's display name, when known.</summary>
    public string? ActorDisplayName { get; }

    /// <summary>The instance (process) that committed it.</summary>
    public string InstanceId { get; }

    /// <summary>The document section: <c>authenticationContexts</c>, <c>protectedActions</c>, <c>conditionalAccessPolicies</c>, ... or <c>settings</c>.</summary>
    public string Kind { get; }

    /// <summary>The object's key within its section (id, permission or display name).</summary>
    public string Key { get; }

    /// <summary>The object before (JSON); <see langword="null"/> when it was added.</summary>
    public string? Before { get; }

    /// <summary>The object after (JSON); <see langword="null"/> when it was removed.</summary>
    public string? After { get; }
}
