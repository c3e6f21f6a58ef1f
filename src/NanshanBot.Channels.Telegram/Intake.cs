namespace NanshanBot.Channels.Telegram;

/// <summary>What became of an update handed to <see cref="ChatLanes"/>.</summary>
public enum Intake
{
    /// <summary>On disk and queued for its chat: it may be confirmed to Telegram.</summary>
    Taken,

    /// <summary>Its chat's backlog is full (<see cref="TelegramOptions.MaxChatBacklog"/>): confirmed and dropped.</summary>
    Dropped,

    /// <summary>Too many updates pending (<see cref="TelegramOptions.MaxPendingUpdates"/>): not taken, not to be
    /// confirmed; Telegram will deliver it again.</summary>
    Full,
}

/// <summary>What became of an update written to the <see cref="UpdateJournal"/>.</summary>
public enum JournalResult
{
    Added,

    /// <summary>Already pending (a repeat delivery).</summary>
    Known,

    /// <summary><see cref="TelegramOptions.MaxPendingUpdates"/> are pending: not taken.</summary>
    Full,
}
