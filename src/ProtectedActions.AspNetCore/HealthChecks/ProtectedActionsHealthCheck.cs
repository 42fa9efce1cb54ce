using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ProtectedActions.AspNetCore;

/// <summary>
/// Reports the configuration's state: healthy while the latest configuration is in force; the registered
/// failure status when the last reload was refused and an older configuration is still enforced. Reports counts
/// and issue codes only, never configuration values (health endpoints are often reachable by more people).
/// </summary>
internal sealed class ProtectedActionsHealthCheck(IProtectedActionsConfigurationStatus status) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>
        {
            ["version"] = status.Version,
            ["activatedAt"] = status.ActivatedAt,
            ["warnings"] = status.Issues.Count(i => i.Severity == ConfigurationSeverity.Warning),
        };

        if (!status.IsDegraded)
        {
            return Task.FromResult(HealthCheckResult.Healthy($"Configuration version {status.Version} is in force.", data));
        }

        data["reloadErrors"] = status.LastReloadErrors.Count;
        data["reloadErrorCodes"] = string.Join(",", status.LastReloadErrors.Select(e => e.Code).Distinct(StringComparer.Ordinal));
        return Task.FromResult(new HealthCheckResult(context.Registration.FailureStatus,
            $"The last configuration reload was refused ({status.LastReloadErrors.Count} error(s)); version {status.Version} is still in force.",
            data: data));
    }
}
