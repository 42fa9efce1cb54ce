using ProtectedActions.Samples.WebApi.Api;
using ProtectedActions.Samples.WebApi.Configuration;
using ProtectedActions.Samples.WebApi.Directory;

namespace ProtectedActions.Samples.WebApi.Store;

/// <summary>
/// The sample API with its configuration in a local SQLite file (<c>--store sqlite</c>): the sample tenant's document is
/// seeded from the embedded configuration on first run, and the management API is mapped at <see cref="ManagementPrefix"/>,
/// so an administrator can change an assignment while the API runs.
/// </summary>
public static class SampleSqliteStore
{
    /// <summary>Where the management endpoints are mapped.</summary>
    public const string ManagementPrefix = "/protected-actions/admin";

    /// <summary>The file used when none is given: <c>protected-actions.db</c> in the current directory.</summary>
    public const string DefaultFile = "protected-actions.db";

    /// <summary>Who the seed (and the start-up refresh of the issuer settings) is audited as.</summary>
    public static ConfigurationActor SeedActor { get; } = new("00000000-0000-0000-0000-000000005eed", "Sample seed");

    /// <summary>Builds the sample API backed by the SQLite file <paramref name="databaseFile"/> and seeds the sample tenant.</summary>
    /// <param name="issuer">The token issuer URL the API trusts.</param>
    /// <param name="databaseFile">The SQLite file; created with its tables when missing.</param>
    /// <param name="port">The port; 0 picks a free one.</param>
    /// <param name="pollInterval">How often the store's version rows are polled; <see langword="null"/> keeps the default.</param>
    /// <param name="cancellationToken">Cancels the seeding.</param>
    public static async Task<WebApplication> BuildAsync(string issuer, string databaseFile = DefaultFile, int port = 0, TimeSpan? pollInterval = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(issuer);
        ArgumentException.ThrowIfNullOrEmpty(databaseFile);
        var app = SampleApi.Build(issuer, port: port,
            configure: (builder, protectedActions) =>
            {
                protectedActions.AddSqliteConfigurationStore("Data Source=" + Path.GetFullPath(databaseFile), o =>
                {
                    if (pollInterval is { } interval)
                    {
                        o.Store.PollInterval = interval;
                    }
                });
                builder.Services.AddSingleton<Microsoft.AspNetCore.Authentication.IClaimsTransformation, SampleDirectoryRoles>();
            },
            map: a => a.MapProtectedActionsManagement(ManagementPrefix));
        try
        {
            await SeedAsync(app.Services.GetRequiredService<IProtectedActionsConfigurationManager>(), issuer, cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return app;
    }

    /// <summary>
    /// Writes the embedded configuration for the sample tenant when the store holds none; otherwise keeps the stored
    /// assignments and policies and only points the issuer settings at this run's identity provider (its port changes per run).
    /// </summary>
    internal static async Task SeedAsync(IProtectedActionsConfigurationManager manager, string issuer, CancellationToken cancellationToken)
    {
        var seed = SampleConfiguration.LoadOptions(SampleApi.IssuerOverrides(issuer));
        var current = await manager.ReadAsync(SampleDirectory.TenantId, cancellationToken);
        ProtectedActionsOptions document;
        if (current is null)
        {
            document = seed;
        }
        else if (current.Document.Settings.AuthorizationUri != seed.Settings.AuthorizationUri
            || !current.Document.Settings.TrustedIssuers.SequenceEqual(seed.Settings.TrustedIssuers, StringComparer.Ordinal))
        {
            document = current.Document;
            document.Settings.AuthorizationUri = seed.Settings.AuthorizationUri;
            document.Settings.TrustedIssuers = [.. seed.Settings.TrustedIssuers];
        }
        else
        {
            return;
        }

        var result = await manager.WriteAsync(new ConfigurationWrite(SampleDirectory.TenantId, current?.Version ?? 0, document, SeedActor), cancellationToken);
        if (result.Status != ConfigurationWriteStatus.Committed)
        {
            throw new InvalidOperationException($"Seeding the sample tenant failed ({result.Status}): "
                + string.Join("; ", result.Issues.Select(i => i.ToString())));
        }
    }
}
