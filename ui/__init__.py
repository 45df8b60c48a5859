"""The Streamlit app (`rtw ui`, or `streamlit run ui/app.py`)."""
