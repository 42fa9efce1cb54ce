using ProtectedActions.Samples.WebApp;
using ProtectedActions.Samples.WebApi.Identity;

// dotnet run --project samples/ProtectedActions.Samples.WebApp   (then open the printed address)
await using var provider = await SampleIdentityProvider.StartAsync();
await using var app = await SampleWebApp.StartAsync(provider, port: args.Length > 0 && int.TryParse(args[0], out var p) ? p : 0);
Console.WriteLine($"Identity provider: {provider.Issuer}");
Console.WriteLine($"Web app:           {SampleWebApp.AddressOf(app)}   (sign in as alice / {provider.Options.DemoPassword})");
Console.WriteLine("Press Ctrl+C to stop.");
await app.WaitForShutdownAsync();
