using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MusicPlayer.Api.IntegrationTests.Support;

/// <summary>HTTP clients of the app as an anonymous caller, a user or an admin.</summary>
public static class Clients
{
    public static HttpClient Anonymous(this WebApplicationFactory<Program> factory) => factory.CreateClient();

    /// <summary>A client signed in as the factory's seeded user account.</summary>
    public static HttpClient AsUser(this MusicPlayerFactory factory) => factory.WithToken(factory.User.Token());

    /// <summary>A client signed in as the factory's seeded admin account.</summary>
    public static HttpClient AsAdmin(this MusicPlayerFactory factory) => factory.WithToken(factory.Admin.Token());

    /// <summary>A client that sends <paramref name="token"/> as its bearer token.</summary>
    public static HttpClient WithToken(this WebApplicationFactory<Program> factory, string token)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
