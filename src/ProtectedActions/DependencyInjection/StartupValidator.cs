using Microsoft.Extensions.Options;
using ProtectedActions.Compilation;

namespace ProtectedActions.DependencyInjection;

/// <summary>
/// Fails start-up (with <c>ValidateOnStart</c>) when the configuration has errors, each as <c>path: message (code)</c>. Only the
/// first validation fails: later ones pass so that an invalid reload reaches <see cref="SnapshotSource"/>,
/// which keeps the last good snapshot — an exception thrown on a change-token thread would crash the host.
/// </summary>
internal sealed class StartupValidator(ProtectedActionsRootPath rootPath, TimeProvider time) : IValidateOptions<ProtectedActionsOptions>
{
    private int _validatedOnce;

    public ValidateOptionsResult Validate(string? name, ProtectedActionsOptions options)
    {
        if (Volatile.Read(ref _validatedOnce) == 1)
        {
            return ValidateOptionsResult.Success;
        }

        _ = SnapshotCompiler.Compile(options, rootPath.Value, time.GetUtcNow(), out var issues);
        var errors = issues.Where(i => i.Severity == ConfigurationSeverity.Error).Select(i => $"{i} ({i.Code})").ToArray();
        if (errors.Length > 0)
        {
            return ValidateOptionsResult.Fail(errors);
        }

        Volatile.Write(ref _validatedOnce, 1);
        return ValidateOptionsResult.Success;
    }
}
