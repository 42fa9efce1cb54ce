using Microsoft.Extensions.Options;

namespace ProtectedActions.AspNetCore;

/// <summary>Validates <see cref="ProtectedActionsWebAppOptions"/> at start-up (<c>ValidateOnStart</c>).</summary>
internal sealed class ProtectedActionsWebAppOptionsValidation : IValidateOptions<ProtectedActionsWebAppOptions>
{
    public ValidateOptionsResult Validate(string? name, ProtectedActionsWebAppOptions options)
    {
        var errors = new List<string>();
        if (!LocalReturnUrl.IsLocal(options.FallbackReturnPath))
        {
            errors.Add("ProtectedActionsWebAppOptions:FallbackReturnPath: must be a local URL such as '/' (one leading '/', not '//' or '/\\', printable ASCII without spaces).");
        }

        if (!LocalReturnUrl.IsLocal(options.StepUpPath) || options.StepUpPath.Contains('?', StringComparison.Ordinal) || options.StepUpPath.Contains('#', StringComparison.Ordinal))
        {
            errors.Add("ProtectedActionsWebAppOptions:StepUpPath: must be a local path such as '/protected-actions/step-up' (no query or fragment).");
        }

        if (options.OpenIdConnectScheme is { } scheme && string.IsNullOrWhiteSpace(scheme))
        {
            errors.Add("ProtectedActionsWebAppOptions:OpenIdConnectScheme: must be a scheme name, or null to detect it.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
