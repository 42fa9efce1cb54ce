namespace ProtectedActions.AspNetCore.Tests.Infrastructure;

/// <summary>Wraps the real evaluator and records what the HTTP layer asked it (or throws, to test failure paths).</summary>
internal sealed class RecordingEvaluator(IProtectedActionEvaluator inner) : IProtectedActionEvaluator
{
    private readonly List<ProtectedActionRequest> _requests = [];

    public Exception? Throw { get; set; }

    public IReadOnlyList<ProtectedActionRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public ValueTask<ProtectedActionDecision> EvaluateAsync(ProtectedActionRequest request, CancellationToken cancellationToken = default)
    {
        lock (_requests)
        {
            _requests.Add(request);
        }

        return Throw is { } ex ? ValueTask.FromException<ProtectedActionDecision>(ex) : inner.EvaluateAsync(request, cancellationToken);
    }
}
