using ProtectedActions.Samples.WebApi.Api;
using ProtectedActions.Samples.WebApp;
using ProtectedActions.Samples.WebApi.Identity;

// dotnet run --project samples/ProtectedActions.Samples.WebApp   (then open the printed address)
// Starts the development identity provider, the WebApi sample (trusting that provider) and the web app.
await using var provider = await SampleIdentityProvider.StartAsync();
await using var api = SampleWebApp.BuildApi(provider);
await api.StartAsync();
await using var app = await SampleWebApp.StartAsync(provider, port: args.Length > 0 && int.TryParse(args[0], out var p) ? p : 0,
    api: new Uri(SampleApi.AddressOf(api) + "/"));
Console.WriteLine($"Identity provider: {provider.Issuer}");
Console.WriteLine($"Sample API:        {SampleApi.AddressOf(api)}");
Console.WriteLine($"Web app:           {SampleWebApp.AddressOf(app)}   (sign in as alice / {provider.Options.DemoPassword})");
Console.WriteLine("Press Ctrl+C to stop.");
await app.WaitForShutdownAsync();
