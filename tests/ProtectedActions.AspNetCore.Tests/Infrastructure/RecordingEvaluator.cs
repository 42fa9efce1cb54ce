namespace ProtectedActions.AspNetCore.Tests.Infrastructure;

/// <summary>
/// Records what the HTTP layer asked the evaluator behind it. The tests run the real evaluator (their answers
/// depend on the real policies of <see cref="TestScenario"/>), which the testing kit's
/// <c>FakeProtectedActionEvaluator</c> replaces rather than wraps; tests that need a programmed outcome (an
/// evaluator that throws, a fixed step-up) pass the kit's fake to <see cref="TestApi.StartAsync"/> instead.
/// </summary>
internal sealed class RecordingEvaluator(IProtectedActionEvaluator inner) : IProtectedActionEvaluator
{
    private readonly List<ProtectedActionRequest> _requests = [];

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

        return inner.EvaluateAsync(request, cancellationToken);
    }
}
