using Microsoft.Extensions.DependencyInjection;

namespace NanshanBot.Channels;

public static class ChannelsRegistration
{
    /// <summary>The inbound pipeline every transport hands its messages to: the <see cref="ChatGateway"/> and
    /// its rules. Flood limits are per channel (<see cref="FloodLimits"/>, named after the channel), set by the
    /// transports' registrations; a channel without them has none.</summary>
    public static IServiceCollection AddChatGateway(this IServiceCollection services)
    {
        services.AddOptions<FloodLimits>();
        services.AddSingleton<FloodGate>();
        services.AddSingleton<LastAnswers>();
        services.AddSingleton<ChatCommands>();
        services.AddSingleton<AnswerRelay>();
        services.AddSingleton<FeedbackVotes>();
        services.AddSingleton<MenuKeys>();
        services.AddSingleton<InlineAnswers>();
        services.AddSingleton<ChatGateway>();
        return services;
    }
}
