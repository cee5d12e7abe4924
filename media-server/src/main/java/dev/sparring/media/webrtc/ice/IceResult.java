package dev.sparring.media.webrtc.ice;

import java.util.Arrays;

/** What to do with a STUN message an {@link IceLiteAgent} was given. */
public sealed interface IceResult {

    /** Send {@code response} (a Binding success) back to the sender, whose address is now validated. */
    record Respond(byte[] response) implements IceResult {
        public Respond {
            response = response.clone();
        }

        @Override
        public byte[] response() {
            return response.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Respond r && Arrays.equals(response, r.response);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(response);
        }

        @Override
        public String toString() {
            return "Respond[" + response.length + " bytes]";
        }
    }

    /** Send {@code errorResponse} back to the sender; the address is not validated. */
    record Reject(byte[] errorResponse, IceProblem problem, String reason) implements IceResult {
        public Reject {
            errorResponse = errorResponse.clone();
        }

        @Override
        public byte[] errorResponse() {
            return errorResponse.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Reject r && Arrays.equals(errorResponse, r.errorResponse) && problem == r.problem
                    && reason.equals(r.reason);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(errorResponse) + problem.hashCode();
        }

        @Override
        public String toString() {
            return "Reject[" + problem + ": " + reason + "]";
        }
    }

    /** Send nothing. */
    record Drop(IceProblem problem, String reason) implements IceResult {}
}
