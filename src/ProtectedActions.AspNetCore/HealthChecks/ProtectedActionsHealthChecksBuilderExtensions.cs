using Microsoft.Extensions.Diagnostics.HealthChecks;
using ProtectedActions.AspNetCore;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the ProtectedActions configuration health check.</summary>
public static class ProtectedActionsHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds a check that is healthy while the latest configuration is in force and reports
    /// <paramref name="failureStatus"/> when the last reload was refused (an older configuration still enforced).
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name. Default <c>protected-actions</c>.</param>
    /// <param name="failureStatus">The status for a refused reload. Default <see cref="HealthStatus.Degraded"/>.</param>
    /// <param name="tags">Tags for filtering.</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddProtectedActions(this IHealthChecksBuilder builder, string name = "protected-actions",
        HealthStatus failureStatus = HealthStatus.Degraded, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        return builder.AddCheck<ProtectedActionsHealthCheck>(name, failureStatus, tags ?? []);
    }
}
