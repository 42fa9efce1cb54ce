using ProtectedActions.Samples.StepUpDemo;

// dotnet run --project samples/ProtectedActions.Samples.StepUpDemo
// Exit code 0 only when every step behaved as expected.
using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
return await DemoRunner.RunAsync(Console.Out, timeout.Token);
