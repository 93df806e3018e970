namespace MusicPlayer.Api.Http;

/// <summary>
/// `dotnet MusicPlayer.Api.dll --probe URL` exits 0 when URL answers 2xx: the container health check,
/// since the runtime image has no curl or wget.
/// </summary>
internal static class HealthProbe
{
    public static async Task<int> RunAsync(string url)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await client.GetAsync(url);
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return 1;
        }
    }
}
