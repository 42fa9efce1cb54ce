using Microsoft.Extensions.Options;

namespace ProtectedActions.Cli.Commands;

/// <summary>Shared What-If plumbing: building the evaluator and deciding at the sign-in's instant.</summary>
internal static class Evaluation
{
    public static IProtectedActionEvaluator Create(ProtectedActionsOptions options, FixedTimeProvider clock)
    {
        clock.Now = TimeProvider.System.GetUtcNow();
        try
        {
            return ProtectedActionEvaluator.Create(options, clock);
        }
        catch (OptionsValidationException ex)
        {
            throw new CliException("the configuration is invalid: " + string.Join(" ", ex.Failures.Take(3)));
        }
    }

    /// <summary>Decides at the sign-in's <c>now</c> (default: the current time).</summary>
    public static ProtectedActionDecision Decide(IProtectedActionEvaluator evaluator, FixedTimeProvider clock, string action, SignInDocumentResult signIn)
    {
        if (string.IsNullOrWhiteSpace(action))
        {
            throw new CliException("the action (permission) must not be empty");
        }

        clock.Now = signIn.Now ?? TimeProvider.System.GetUtcNow();
        // The evaluator is synchronous unless a device provider or country resolver is configured; the CLI has neither.
        return evaluator.EvaluateAsync(new ProtectedActionRequest(action, signIn.SignIn!)).AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Validation warnings as <c>code path: message</c>, for the decision's warnings.</summary>
    public static IReadOnlyList<string> ConfigurationWarnings(LoadedConfiguration loaded) =>
        (loaded.Validation?.Warnings ?? []).Select(i => $"{i.Code} {i.Path}: {i.Message}").ToList();
}
