using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ProtectedActions.EntityFrameworkCore.Storage;

/// <summary>The tables of managed configuration. Each provider has its own subclass so that each ships its own migrations.</summary>
internal abstract class ConfigurationDbContext(DbContextOptions options) : DbContext(options)
{
    public const int MaxTenantIdLength = 128;
    public const int MaxKeyLength = 600;

    public DbSet<TenantRow> Tenants => Set<TenantRow>();
    public DbSet<ObjectRow> Objects => Set<ObjectRow>();
    public DbSet<AuditRow> Audit => Set<AuditRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<TenantRow>(e =>
        {
            e.ToTable("ProtectedActionsTenants");
            e.HasKey(t => t.TenantId);
            e.Property(t => t.TenantId).HasMaxLength(MaxTenantIdLength);
        });
        modelBuilder.Entity<ObjectRow>(e =>
        {
            e.ToTable("ProtectedActionsObjects");
            e.HasKey(o => new { o.TenantId, o.Kind, o.Key });
            e.Property(o => o.TenantId).HasMaxLength(MaxTenantIdLength);
            e.Property(o => o.Kind).HasMaxLength(64);
            e.Property(o => o.Key).HasMaxLength(MaxKeyLength);
        });
        modelBuilder.Entity<AuditRow>(e =>
        {
            e.ToTable("ProtectedActionsAudit");
            e.HasKey(a => a.Id);
            e.HasIndex(a => new { a.TenantId, a.Id });
            e.Property(a => a.TenantId).HasMaxLength(MaxTenantIdLength);
            e.Property(a => a.ActorObjectId).HasMaxLength(128);
            e.Property(a => a.ActorDisplayName).HasMaxLength(256);
            e.Property(a => a.InstanceId).HasMaxLength(256);
            e.Property(a => a.Kind).HasMaxLength(64);
            e.Property(a => a.Key).HasMaxLength(MaxKeyLength);
        });
    }
}

/// <summary>SQLite: the embedded default (one file, one instance).</summary>
internal sealed class SqliteConfigurationDbContext(DbContextOptions<SqliteConfigurationDbContext> options) : ConfigurationDbContext(options);

/// <summary>PostgreSQL: many instances sharing one database.</summary>
internal sealed class PostgreSqlConfigurationDbContext(DbContextOptions<PostgreSqlConfigurationDbContext> options) : ConfigurationDbContext(options);

/// <summary>Lets <c>dotnet ef migrations add</c> create the SQLite context (design time only; never connects).</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteConfigurationDbContext>
{
    public SqliteConfigurationDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteConfigurationDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

/// <summary>Lets <c>dotnet ef migrations add</c> create the PostgreSQL context (design time only; never connects).</summary>
internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlConfigurationDbContext>
{
    public PostgreSqlConfigurationDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlConfigurationDbContext>().UseNpgsql("Host=127.0.0.1;Database=design_time").Options);
}
