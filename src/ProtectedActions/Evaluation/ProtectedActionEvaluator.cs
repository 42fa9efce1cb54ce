using Microsoft.Extensions.Options;
using ProtectedActions.Compilation;
using ProtectedActions.Evaluation;

namespace ProtectedActions;

/// <summary>Creates evaluators without dependency injection (tools, tests, other hosts).</summary>
public static class ProtectedActionEvaluator
{
    /// <summary>Validates and compiles <paramref name="options"/> and returns an evaluator over the result.</summary>
    /// <param name="options">The configuration.</param>
    /// <param name="timeProvider">The clock; default <see cref="TimeProvider.System"/>.</param>
    /// <param name="deviceProvider">An optional device-information provider.</param>
    /// <param name="countryResolver">An optional IP → country resolver.</param>
    /// <exception cref="OptionsValidationException">The configuration has errors (each message names its path).</exception>
    public static IProtectedActionEvaluator Create(ProtectedActionsOptions options, TimeProvider? timeProvider = null,
        IDeviceInformationProvider? deviceProvider = null, ICountryResolver? countryResolver = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var time = timeProvider ?? TimeProvider.System;
        var snapshot = SnapshotCompiler.Compile(options, ProtectedActionsOptions.SectionName, time.GetUtcNow(), out var issues)
            ?? throw new OptionsValidationException(Options.DefaultName, typeof(ProtectedActionsOptions),
                issues.Where(i => i.Severity == ConfigurationSeverity.Error).Select(i => i.ToString()));
        return new DefaultProtectedActionEvaluator(new SnapshotHolder(snapshot), time, deviceProvider, countryResolver);
    }
}
